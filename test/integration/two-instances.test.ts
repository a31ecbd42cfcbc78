/**
 * Two API instances on one database, as a deployment behind a load balancer runs them: one connects with
 * bolt://, the other with a routing neo4j:// URI. Concurrent updates through both from the same version
 * give exactly one winner each time; both lose the database and both recover from its restart by
 * themselves. Uses its own embedded Neo4j (it restarts it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type Service } from '../../src/service.js';
import { statusOf, until } from '../support/poll.js';
import { privateGraph, type PrivateGraph } from '../support/private-graph.js';

const UPDATE =
  'mutation ($id: ID!, $version: Int!, $patch: EntityPatch!, $provenance: [ProvenanceInput!]!) { updateEntity(id: $id, version: $version, patch: $patch, provenance: $provenance) { version } }';
const provenance = [{ source: 'commit-about', quote: 'Hanoi' }];

describe('two API instances on one database', () => {
  let graph: PrivateGraph;
  let services: Service[] = [];
  let editor: string;

  const graphql = async <TData = Record<string, unknown>>(service: Service, query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const res = await fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data?: TData | null; errors?: { extensions: { code: string } }[] };
  };
  const waitHealthy = async (service: Service, timeoutMs: number) => (await until(() => statusOf(`${service.url}/health`), (s) => s === 200, timeoutMs, 250)) === 200;

  beforeAll(async () => {
    graph = await privateGraph('two');
    editor = graph.keys.create('two-instances', 'editor');
    const base = { ...graph.config, connectionTimeoutMs: 3000 };
    const connection = base.external!;
    // The first instance migrates and seeds; the second finds both done (as a second replica would).
    services.push(await startService(base));
    services.push(await startService({ ...base, external: { ...connection, uri: connection.uri.replace('bolt://', 'neo4j://') } }));
  });

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await graph?.stop();
  });

  it('answers the same reads on both (bolt:// and routing neo4j://)', async () => {
    const [a, b] = await Promise.all(services.map((s) => graphql<{ node: { name: string } }>(s, '{ node(id: "place:hanoi") { name version } stats { sources } }')));
    expect(a).toEqual(b);
    expect(a?.data!.node.name).toBe('Hanoi');
  });

  it('gives exactly one winner per version when both instances update at once', async () => {
    const rounds = 10;
    let version = (await graphql<{ node: { version: number } }>(services[0]!, '{ node(id: "place:hanoi") { version } }')).data!.node.version;
    for (let round = 0; round < rounds; round++) {
      const answers = await Promise.all(
        services.flatMap((service, i) =>
          [0, 1].map((j) => graphql<{ updateEntity: { version: number } | null }>(service, UPDATE, { id: 'place:hanoi', version, patch: { description: `round ${round} by ${i}.${j}` }, provenance }, editor)),
        ),
      );
      const winners = answers.filter((a) => a.data?.updateEntity);
      expect(winners, `round ${round}`).toHaveLength(1);
      expect(answers.filter((a) => a.errors?.[0]?.extensions.code === 'CONFLICT'), `round ${round}`).toHaveLength(answers.length - 1);
      version = winners[0]!.data!.updateEntity!.version;
    }
    const final = await Promise.all(services.map((s) => graphql<{ node: { version: number } }>(s, '{ node(id: "place:hanoi") { version } }')));
    for (const f of final) expect(f.data!.node.version).toBe(version);
  });

  it('both lose the database, and both recover from its restart without being restarted', async () => {
    await graph.neo4j.stop();
    for (const service of services) {
      expect((await fetch(`${service.url}/health`)).status).toBe(503);
      expect((await graphql(service, '{ node(id: "place:hanoi") { name } }')).errors?.[0]?.extensions.code).toBe('DATABASE_UNAVAILABLE');
    }
    await graph.restart();
    for (const service of services) expect(await waitHealthy(service, 60_000)).toBe(true);
    const answers = await Promise.all(services.flatMap((s) => Array.from({ length: 10 }, () => graphql(s, '{ node(id: "place:hanoi") { name } }'))));
    expect(answers.filter((a) => a.errors)).toEqual([]);
  }, 180_000);
});
