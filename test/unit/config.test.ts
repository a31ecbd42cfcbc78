/** One configuration: every setting from loadConfig, and API keys re-read when their file changes. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KeyStore } from '../../src/auth/api-keys.js';
import { ConfigError, loadConfig, logLevel, pathTimeoutMs } from '../../src/config.js';

describe('loadConfig', () => {
  it('reads every setting from the environment it is given, with the documented defaults', () => {
    const defaults = loadConfig({});
    expect(defaults).toMatchObject({ port: 4000, development: false, trustedOperations: false, corsOrigins: [], maxBodyBytes: '100kb', maxSourceBytes: 10 * 1024 * 1024 });
    expect(defaults.limits).toEqual({ maxDepth: 10, maxAliases: 15, maxCost: 50_000, maxTokens: 3_000 });
    expect(defaults.concurrency).toEqual({ slots: 32, perClient: 32, queue: 500, maxWaitMs: 15_000 });
    expect(defaults.apiKeys.file.endsWith('.keys.json')).toBe(true);
    const given = loadConfig({ NODE_ENV: 'development', TRUSTED_OPERATIONS: 'true', CORS_ORIGINS: 'https://a.example, https://b.example', MAX_DEPTH: '5', GRAPHQL_CONCURRENCY: '8', CLIENT_CONCURRENCY: '2', API_KEYS: '{"keys":[]}', NEO4J_PLUGIN_DIR: '/plugins' });
    expect(given).toMatchObject({ development: true, trustedOperations: true, corsOrigins: ['https://a.example', 'https://b.example'] });
    expect(given.limits.maxDepth).toBe(5);
    expect(given.concurrency).toMatchObject({ slots: 8, perClient: 2 });
    expect(given.apiKeys.inline).toBe('{"keys":[]}');
    expect(given.embedded.pluginDir).toBe('/plugins');
    expect(logLevel({ NODE_ENV: 'test' })).toBe('warn');
    expect(pathTimeoutMs({ PATH_TIMEOUT_MS: '500' })).toBe(500);
  });

  it('refuses a malformed setting with a ConfigError naming it', () => {
    expect(() => loadConfig({ GRAPHQL_CONCURRENCY: '-1' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ NEO4J_URI: 'http://db' })).toThrow(/NEO4J_URI/);
  });
});

describe('KeyStore', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'commit-kg-keys-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('sees a key created or revoked by another process (another store on the same file) at the next request', () => {
    const settings = { file: path.join(dir, 'keys.json'), inline: undefined };
    const service = new KeyStore(settings);
    expect(service.authenticate('Bearer ckg_none')).toBe('invalid');
    const cli = new KeyStore(settings);
    const token = cli.create('alice', 'editor');
    expect(service.authenticate(`Bearer ${token}`)).toEqual({ name: 'alice', role: 'editor' });
    cli.revoke('alice');
    expect(service.authenticate(`Bearer ${token}`)).toBe('invalid');
    expect(service.authenticate(undefined)).toBeNull();
    expect(service.authenticate('Basic abc')).toBe('invalid');
  });

  it('reads the file again only when it changed', () => {
    const settings = { file: path.join(dir, 'cached.json'), inline: undefined };
    const store = new KeyStore(settings);
    store.create('bob', 'admin');
    const first = store.keys();
    expect(store.keys()).toBe(first);
    new KeyStore(settings).create('carol', 'editor');
    expect(store.keys()).not.toBe(first);
    expect(store.list().map((k) => k.name)).toEqual(['bob', 'carol']);
  });
});
