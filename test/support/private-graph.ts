/**
 * A Neo4j of a test file's own (for tests that change or stop their database): started on free ports
 * in a temporary folder, with its own key file, and removed again. `seeded` adds the migrations and the
 * curated data; `serve` puts the app in front of it on a loopback port.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KeyStore } from '../../src/auth/api-keys.js';
import { seedCurated } from '../../src/bundle/load.js';
import { loadConfig, type Config, type EmbeddedSettings } from '../../src/config.js';
import { freePort, startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../src/db/embedded.js';
import { Executor } from '../../src/db/executor.js';
import { migrate } from '../../src/db/migrations.js';
import { createApp, listen, type App } from '../../src/server.js';
import { testConfig } from './graph.js';

export interface PrivateGraph {
  settings: EmbeddedSettings;
  neo4j: EmbeddedNeo4j;
  /** This graph's key file: create keys here; `config` points at it. */
  keys: KeyStore;
  /** The test configuration, connected to this graph and its key file. */
  config: Config;
  /** Starts this graph's Neo4j again (after `neo4j.stop()`), on the same port and data. */
  restart(): Promise<void>;
  /** Stops Neo4j and removes its folder. */
  stop(): Promise<void>;
}

/** Starts a Neo4j of its own; its password is always generated (never the suite's NEO4J_PASSWORD). */
export async function privateGraph(name: string): Promise<PrivateGraph> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `commit-kg-${name}-`));
  const settings: EmbeddedSettings = { ...loadConfig({}).embedded, port: await freePort(), dataDir, heap: '512m', pageCache: '64m' };
  const apiKeys = { file: path.join(dataDir, 'keys.json'), inline: undefined };
  const graph: PrivateGraph = {
    settings,
    neo4j: await startEmbeddedNeo4j(settings),
    keys: new KeyStore(apiKeys),
    config: testConfig({ apiKeys }),
    restart: async () => {
      graph.neo4j = await startEmbeddedNeo4j(settings);
    },
    stop: async () => {
      await graph.neo4j.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  graph.config = { ...graph.config, external: { uri: graph.neo4j.uri, user: graph.neo4j.user, password: graph.neo4j.password, database: undefined } };
  return graph;
}

/** An executor on `graph`, migrated and holding the curated data. */
export async function seeded(graph: PrivateGraph): Promise<Executor> {
  const executor = new Executor({ uri: graph.neo4j.uri, user: graph.neo4j.user, password: graph.neo4j.password, queryTimeoutMs: 30_000, connectionTimeoutMs: 5000 });
  await migrate(executor);
  await seedCurated(executor);
  return executor;
}

/** The app on `executor` with `graph`'s configuration, listening on a free loopback port. */
export async function serve(graph: PrivateGraph, executor: Executor, overrides: Partial<Config> = {}): Promise<{ app: App; base: string }> {
  const app = await createApp({ ...graph.config, ...overrides }, executor);
  return { app, base: `http://127.0.0.1:${await listen(app.httpServer, 0, '127.0.0.1')}` };
}
