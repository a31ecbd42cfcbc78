import { describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../../src/db/migrations.js';
import { sharedApp } from '../support/graph.js';

describe('foundation against the real Neo4j', () => {
  const suite = sharedApp({ listen: true });
  const { executor } = suite;

  it('applies migrations once: a second run is a no-op and every file is recorded', async () => {
    const again = await migrate(executor);
    expect(again.applied).toEqual([]);
    const files = readMigrations();
    expect(again.level).toBe(files.at(-1)!.version);
    const rows = await executor.readText('t', 'MATCH (m:Migration) RETURN m.name AS name ORDER BY m.version');
    expect(rows.map((r) => r.name)).toEqual(files.map((f) => f.name));
    const constraints = await executor.readText('t', "SHOW CONSTRAINTS YIELD name WHERE name IN ['entity_id', 'source_id'] RETURN count(*) AS n");
    expect(constraints[0]!.n).toBe(2);
  });

  it('answers /health with 200, the Neo4j version and the migration level', async () => {
    const res = await fetch(`${suite.base}/health`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.database.reachable).toBe(true);
    expect(body.database.version).toMatch(/^5\.26\./);
    expect(body.migrationLevel).toBe(readMigrations().at(-1)!.version);
  });

  it('serves a GraphQL round trip over HTTP POST that reaches the database', async () => {
    const res = await fetch(`${suite.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ node(id: "country:viet-nam") { name aliases } }' }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { node: { name: 'Viet Nam', aliases: ['Vietnam'] } } });
  });

  it('serves GraphQL over HTTP GET', async () => {
    const query = encodeURIComponent('{ node(id: "place:yangon") { name } }');
    const res = await fetch(`${suite.base}/graphql?query=${query}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { node: { name: 'Yangon' } } });
  });

  it('answers unknown paths and malformed JSON with a JSON error, not a stack trace', async () => {
    const notFound = await fetch(`${suite.base}/nope`);
    expect(notFound.status).toBe(404);
    expect((await notFound.json()).errors[0].extensions.code).toBe('NOT_FOUND');
    const bad = await fetch(`${suite.base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(bad.status).toBe(400);
    const text = await bad.text();
    expect(JSON.parse(text).errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(text).not.toMatch(/at .*\.(js|ts):\d+/);
  });
});
