/**
 * Loses the database under a running server and gets it back: /health goes 503 and GraphQL answers
 * DATABASE_UNAVAILABLE within seconds (no hang), then both recover with no server restart.
 * Uses its own embedded Neo4j so the rest of the suite keeps its database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type EmbeddedSettings } from '../../src/config.js';
import { freePort, startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../src/db/embedded.js';
import { startService, type Service } from '../../src/service.js';

describe('database lost and regained at runtime', () => {
  let settings: EmbeddedSettings;
  let neo4j: EmbeddedNeo4j;
  let service: Service;

  const graphql = (query: string) =>
    fetch(`${service.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });

  beforeAll(async () => {
    const base = loadConfig({});
    settings = { ...base.embedded, port: await freePort(), dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'commit-kg-fault-')), heap: '512m', pageCache: '64m' };
    neo4j = await startEmbeddedNeo4j(settings);
    service = await startService({
      ...loadConfig({ NODE_ENV: 'test' }),
      port: 0,
      host: '127.0.0.1',
      connectionTimeoutMs: 3000,
      external: { uri: neo4j.uri, user: neo4j.user, password: neo4j.password, database: undefined },
    });
  });

  afterAll(async () => {
    await service?.stop();
    await neo4j?.stop();
    fs.rmSync(settings.dataDir, { recursive: true, force: true });
  });

  it('reports 503 and DATABASE_UNAVAILABLE fast while Neo4j is down, then recovers by itself', async () => {
    expect((await fetch(`${service.url}/health`)).status).toBe(200);
    expect((await (await graphql('{ node(id: "place:hanoi") { name } }')).json()).data.node.name).toBe('Hanoi');

    await neo4j.stop();

    let started = Date.now();
    const health = await fetch(`${service.url}/health`);
    expect(health.status).toBe(503);
    expect((await health.json()).database.reachable).toBe(false);
    expect(Date.now() - started).toBeLessThan(8000);

    started = Date.now();
    const down = await (await graphql('{ node(id: "place:hanoi") { name } }')).json();
    expect(Date.now() - started).toBeLessThan(8000);
    expect(down.errors[0].extensions.code).toBe('DATABASE_UNAVAILABLE');
    expect(JSON.stringify(down)).not.toMatch(/ECONNREFUSED|at .*\.js:\d+/);

    neo4j = await startEmbeddedNeo4j(settings);

    let healthy = false;
    const deadline = Date.now() + 30_000;
    while (!healthy && Date.now() < deadline) {
      healthy = (await fetch(`${service.url}/health`)).status === 200;
      if (!healthy) await new Promise((r) => setTimeout(r, 500));
    }
    expect(healthy).toBe(true);
    const back = await (await graphql('{ node(id: "place:hanoi") { name } }')).json();
    expect(back).toEqual({ data: { node: { name: 'Hanoi' } } });
  }, 180_000);

  it('fails fast under load when the Neo4j process is killed, and loses no request after it returns', async () => {
    const query = '{ lineage(id: "instrument:spa-3") { steps { depth } } search(query: "plan") { totalCount } }';
    expect(neo4j.exitCode()).toBeNull();
    expect((await fetch(`${service.url}/health`)).status).toBe(200);
    const outcomes: { ms: number; code: string }[] = [];
    let running = true;
    const worker = async () => {
      while (running) {
        const started = Date.now();
        try {
          const body = await (await graphql(query)).json();
          outcomes.push({ ms: Date.now() - started, code: body.errors ? String(body.errors[0].extensions.code) : 'OK' });
        } catch {
          outcomes.push({ ms: Date.now() - started, code: 'HTTP_FAILURE' });
        }
      }
    };
    expect((await (await graphql(query)).json()).errors).toBeUndefined();
    const workers = Array.from({ length: 20 }, worker);
    const warm = Date.now() + 15_000;
    while (outcomes.filter((o) => o.code === 'OK').length < 40 && Date.now() < warm) await new Promise((r) => setTimeout(r, 100));
    process.kill(neo4j.pid, 'SIGKILL');
    await neo4j.exited;
    await new Promise((r) => setTimeout(r, 4000));
    running = false;
    await Promise.all(workers);

    const codes = new Set(outcomes.map((o) => o.code));
    expect(outcomes.filter((o) => o.code === 'OK').length).toBeGreaterThan(20);
    expect(outcomes.some((o) => o.code === 'DATABASE_UNAVAILABLE')).toBe(true);
    expect([...codes].filter((c) => c !== 'OK' && c !== 'DATABASE_UNAVAILABLE'), 'unexpected outcomes while Neo4j was killed').toEqual([]);
    expect(Math.max(...outcomes.map((o) => o.ms))).toBeLessThan(10_000);
    expect((await fetch(`${service.url}/health`)).status).toBe(503);

    neo4j = await startEmbeddedNeo4j(settings);
    const deadline = Date.now() + 30_000;
    while ((await fetch(`${service.url}/health`)).status !== 200 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
    // The same load as before the kill (20 clients), 200 requests in all: none may fail.
    const after: { errors?: unknown }[] = [];
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        for (let i = 0; i < 10; i++) after.push(await (await graphql(query)).json());
      }),
    );
    expect(after).toHaveLength(200);
    expect(after.filter((b) => b.errors)).toEqual([]);
  }, 180_000);
});
