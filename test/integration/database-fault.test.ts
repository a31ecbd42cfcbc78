/**
 * Loses the database under a running server and gets it back: /health goes 503 and GraphQL answers
 * DATABASE_UNAVAILABLE within seconds (no hang), then both recover with no server restart.
 * Uses its own embedded Neo4j so the rest of the suite keeps its database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type Service } from '../../src/service.js';
import { statusOf, until } from '../support/poll.js';
import { privateGraph, type PrivateGraph } from '../support/private-graph.js';

describe('database lost and regained at runtime', () => {
  let graph: PrivateGraph;
  let service: Service;

  const graphql = (query: string) =>
    fetch(`${service.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });

  beforeAll(async () => {
    graph = await privateGraph('fault');
    service = await startService({ ...graph.config, connectionTimeoutMs: 3000 });
  });

  afterAll(async () => {
    await service?.stop();
    await graph?.stop();
  });

  it('reports 503 and DATABASE_UNAVAILABLE fast while Neo4j is down, then recovers by itself', async () => {
    expect((await fetch(`${service.url}/health`)).status).toBe(200);
    expect((await (await graphql('{ node(id: "place:hanoi") { name } }')).json()).data.node.name).toBe('Hanoi');

    await graph.neo4j.stop();

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

    await graph.restart();

    expect(await until(() => statusOf(`${service.url}/health`), (s) => s === 200, 30_000, 500)).toBe(200);
    const back = await (await graphql('{ node(id: "place:hanoi") { name } }')).json();
    expect(back).toEqual({ data: { node: { name: 'Hanoi' } } });
  }, 180_000);

  it('fails fast under load when the Neo4j process is killed, and loses no request after it returns', async () => {
    const query = '{ lineage(id: "instrument:spa-3") { steps { depth } } search(query: "plan") { totalCount } }';
    expect(graph.neo4j.exitCode()).toBeNull();
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
    await until(() => outcomes.filter((o) => o.code === 'OK').length, (n) => n >= 40, 15_000);
    process.kill(graph.neo4j.pid, 'SIGKILL');
    await graph.neo4j.exited;
    // The load goes on until the clients have been refused a while (not for a fixed time).
    await until(() => outcomes.filter((o) => o.code === 'DATABASE_UNAVAILABLE').length, (n) => n >= 40, 10_000);
    running = false;
    await Promise.all(workers);

    const codes = new Set(outcomes.map((o) => o.code));
    expect(outcomes.filter((o) => o.code === 'OK').length).toBeGreaterThan(20);
    expect(outcomes.some((o) => o.code === 'DATABASE_UNAVAILABLE')).toBe(true);
    expect([...codes].filter((c) => c !== 'OK' && c !== 'DATABASE_UNAVAILABLE'), 'unexpected outcomes while Neo4j was killed').toEqual([]);
    expect(Math.max(...outcomes.map((o) => o.ms))).toBeLessThan(10_000);
    expect((await fetch(`${service.url}/health`)).status).toBe(503);

    await graph.restart();
    await until(() => statusOf(`${service.url}/health`), (s) => s === 200, 30_000, 500);
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
