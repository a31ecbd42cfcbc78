/**
 * The holes of issue 12, each tried as an attacker or a careless user would, over real HTTP against a
 * Neo4j of its own (the tests write, retire and import). Each test is named after what it guards.
 */
import fs from 'node:fs';
import neo4jDriver from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { exportBundle } from '../../src/bundle/export.js';
import { passwordFile } from '../../src/db/embedded.js';
import { Executor } from '../../src/db/executor.js';
import { readManifest } from '../../src/graphql/trusted-operations.js';
import { logger } from '../../src/logger.js';
import type { App } from '../../src/server.js';
import { until } from '../support/poll.js';
import { privateGraph, seeded, serve, type PrivateGraph } from '../support/private-graph.js';

let graph: PrivateGraph;
let executor: Executor;
let app: App;
let base: string;
let editor: string;
let admin: string;

interface GraphQLError {
  message: string;
  extensions: { code: string; problems?: { record: string; field: string; reason: string }[]; problemCount?: number };
}

/** An HTTP answer; json is its parsed body (null when it is no JSON), TData the selection the test reads. */
interface Answer<TData = Record<string, unknown>> {
  status: number;
  headers: Headers;
  text: string;
  json: { data?: TData | null; errors?: GraphQLError[] } | null;
}

/** What IMPORT answers, as far as the tests read it. */
type Imported = { importBundle: { changed: number; changeId: string | null } };
/** An audit trail, as far as the tests read it. */
type Changes = { changes: { totalCount: number; edges: { node: { action: string; before: string; after: string; reason: string | null } }[] } };

/** The first error of an answer; throws (failing the test) when it has none. */
function firstError(res: Answer<unknown>): GraphQLError {
  const error = res.json?.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${res.text}`);
  return error;
}

/** The data of an answer; throws (failing the test) when it has none. */
function dataOf<TData>(res: Answer<TData>): TData {
  const data = res.json?.data;
  if (!data) throw new Error(`expected data, got ${res.text}`);
  return data;
}

async function send<TData>(url: string, body: unknown, options: { token?: string; accept?: string } = {}): Promise<Answer<TData>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(options.accept ? { accept: options.accept } : {}), ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: Answer<TData>['json'] = null;
  try {
    json = JSON.parse(text) as Answer<TData>['json'];
  } catch {
    /* not JSON */
  }
  return { status: res.status, headers: res.headers, text, json };
}
const gql = <TData = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, options: { token?: string; accept?: string } = {}) =>
  send<TData>(`${base}/graphql`, { query, variables }, options);

const count = async (cypher: string) => Number((await executor.readText('t', cypher))[0]!.n);
const changeCount = () => count('MATCH (c:Change) RETURN count(c) AS n');
const snapshot = async () => JSON.stringify(await exportBundle(executor));
const IMPORT = 'mutation ($b: JSONObject!) { importBundle(bundle: $b) { sources nodes relations changed unchanged changeId } }';
const QUOTE = { source: 'commit-about', quote: 'in Bangkok, Thailand' };

beforeAll(async () => {
  // This Neo4j generates its password (hole 8's test), even when the suite runs with NEO4J_PASSWORD set
  // for an external NEO4J_URI: a private graph never takes the suite's password.
  graph = await privateGraph('security');
  executor = await seeded(graph);
  editor = graph.keys.create('ed', 'editor');
  admin = graph.keys.create('root', 'admin');
  ({ app, base } = await serve(graph, executor));
});

afterAll(async () => {
  await app?.apollo.stop();
  await executor?.close();
  await graph?.stop();
});

describe('1. no server file is read through the API', () => {
  for (const file of ['.git/config', '.keys.json', '../../etc/passwd', 'data/sources/../../package.json', 'data/sources/000_7160722c1195e99c.txt']) {
    it(`refuses importBundle naming the file "${file}" and stores nothing`, async () => {
      const sources = await count('MATCH (s:Source) RETURN count(s) AS n');
      const changes = await changeCount();
      const res = await gql<Imported>(IMPORT, { b: { sources: [{ id: 'leak', title: 'leak', file }] } }, { token: editor });
      expect(firstError(res).extensions.code).toBe('BAD_USER_INPUT');
      expect(firstError(res).extensions.problems![0]!).toMatchObject({ field: 'file' });
      expect(firstError(res).message).toMatch(/never reads a server file/);
      expect(res.text).not.toMatch(/\[core\]|repositoryformatversion|sha256|root:x:0/);
      expect(await count('MATCH (s:Source) RETURN count(s) AS n')).toBe(sources);
      expect(await changeCount()).toBe(changes);
    });
  }
});

describe('2. importBundle applies the curation rules', () => {
  it('refuses to overwrite an existing entity without its version (CONFLICT listing it) and to change its kind', async () => {
    const before = await snapshot();
    const labels = await executor.readText('t', 'MATCH (n {id: "country:thailand"}) RETURN labels(n) AS labels');
    const res = await gql<Imported>(IMPORT, { b: { nodes: [
      { id: 'country:thailand', kind: 'Country', name: 'Siam', quotes: [QUOTE] },
      { id: 'place:bangkok-thailand', kind: 'Place', name: 'Thailand (place)', quotes: [QUOTE] },
      // Ids carry their kind's prefix (issue 14); an article and a section share the instrument's, so a
      // kind change can still be attempted there.
      { id: 'instrument:mou-2004/article-28', kind: 'Section', name: 'Section 28', quotes: [QUOTE] },
    ] } }, { token: editor });
    expect(firstError(res).extensions.code).toBe('CONFLICT');
    expect(firstError(res).extensions.problems!.map((p) => `${p.record} ${p.field}`)).toEqual(['nodes[0] (country:thailand) version', 'nodes[2] (instrument:mou-2004/article-28) kind']);
    expect(await snapshot()).toBe(before);
    expect(await executor.readText('t', 'MATCH (n {id: "country:thailand"}) RETURN labels(n) AS labels')).toEqual(labels);
    expect(await count('MATCH (n {id: "place:bangkok-thailand"}) RETURN count(n) AS n')).toBe(0);
  });

  it('changes an existing entity when given its version, auditing it with its before-image', async () => {
    const stored = (await exportBundle(executor)).nodes.find((n) => n.id === 'country:thailand')!;
    const version = dataOf(await gql<{ node: { version: number } }>('{ node(id: "country:thailand") { version } }')).node.version;
    const stale = await gql<Imported>(IMPORT, { b: { nodes: [{ ...stored, version: version + 5, description: 'Changed by an import.' }] } }, { token: editor });
    expect(firstError(stale).extensions.code).toBe('CONFLICT');
    const res = await gql<Imported>(IMPORT, { b: { nodes: [{ ...stored, version, description: 'Changed by an import.' }] } }, { token: editor });
    expect(res.json!.errors).toBeUndefined();
    expect(dataOf(res).importBundle).toMatchObject({ nodes: 1, changed: 1, unchanged: 0 });
    const now = await gql('{ node(id: "country:thailand") { version description kind } }');
    expect(dataOf(now).node).toEqual({ version: version + 1, description: 'Changed by an import.', kind: 'COUNTRY' });
    const audit = await gql<Changes>('{ changes(target: "country:thailand") { edges { node { action before after reason } } } }', {}, { token: editor });
    const change = dataOf(audit).changes.edges.at(-1)!.node;
    expect(change.action).toBe('UPDATE_ENTITY');
    expect(JSON.parse(change.before)).toMatchObject({ id: 'country:thailand', name: stored.name, version });
    expect(JSON.parse(change.after)).toMatchObject({ description: 'Changed by an import.', version: version + 1 });
    expect(change.reason).toMatch(/^import:/);
  });

  it('leaves identical records alone: no write, no audit record, no version bump', async () => {
    const stored = (await exportBundle(executor)).nodes.find((n) => n.id === 'country:cambodia')!;
    const changes = await changeCount();
    const version = dataOf(await gql<{ node: { version: number } }>('{ node(id: "country:cambodia") { version } }')).node.version;
    const res = await gql<Imported>(IMPORT, { b: { nodes: [stored] } }, { token: editor });
    expect(dataOf(res).importBundle).toEqual({ sources: 0, nodes: 1, relations: 0, changed: 0, unchanged: 1, changeId: null });
    expect(await changeCount()).toBe(changes);
    expect(dataOf(await gql<{ node: { version: number } }>('{ node(id: "country:cambodia") { version } }')).node.version).toBe(version);
  });

  it('never revives a retired entity', async () => {
    const created = await gql<Imported>(IMPORT, { b: { nodes: [{ id: 'place:to-retire', kind: 'Place', name: 'To retire', quotes: [QUOTE] }] } }, { token: editor });
    expect(dataOf(created).importBundle.changed).toBe(1);
    const retired = await gql('mutation { retireEntity(id: "place:to-retire", version: 1, reason: "test") { id } }', {}, { token: admin });
    expect(retired.json!.errors).toBeUndefined();
    const revive = await gql<Imported>(IMPORT, { b: { nodes: [{ id: 'place:to-retire', kind: 'Place', name: 'Back', quotes: [QUOTE] }] } }, { token: editor });
    expect(firstError(revive).extensions.code).toBe('CONFLICT');
    expect(firstError(revive).extensions.problems![0]!.reason).toMatch(/retired/);
    expect(dataOf(await gql('{ node(id: "place:to-retire") { id } }')).node).toBeNull();
    expect(await count('MATCH (n:Retired {id: "place:to-retire"}) WHERE NOT n:Entity RETURN count(n) AS n')).toBe(1);
  });

  it('audits every record an import creates, one entry each', async () => {
    const changes = await changeCount();
    const res = await gql<Imported>(IMPORT, { b: { nodes: [
      { id: 'place:audit-a', kind: 'Place', name: 'A', quotes: [QUOTE] },
      { id: 'place:audit-b', kind: 'Place', name: 'B', quotes: [QUOTE] },
    ], relations: [{ type: 'LOCATED_IN', from: 'place:audit-a', to: 'country:thailand', quotes: [QUOTE] }] } }, { token: editor });
    expect(dataOf(res).importBundle.changed).toBe(3);
    const entries = await executor.readText('t', 'MATCH (c:Change) WHERE c.reason = $r OR c.target = $r RETURN c.action AS action, c.target AS target ORDER BY target', { r: (await executor.readText('t', 'MATCH (c:Change {id: $id}) RETURN c.target AS t', { id: dataOf(res).importBundle.changeId }))[0]!.t });
    expect(entries.map((e) => e.action).sort()).toEqual(['CREATE_ENTITY', 'CREATE_ENTITY', 'CREATE_RELATION', 'IMPORT']);
    expect(await changeCount()).toBe(changes + 4);
  });
});

describe('5. refusals are never 5xx and never logged at error level', () => {
  it('answers a cost refusal with 400 (graphql-response+json) or 200 (application/json), not 500', async () => {
    const errors = vi.spyOn(logger, 'error');
    const expensive = '{ entities(first: 100) { edges { node { relations(first: 500) { to { relations(first: 500) { id } } } } } } }';
    const strict = await gql(expensive, {}, { accept: 'application/graphql-response+json' });
    expect(strict.status).toBe(400);
    expect(firstError(strict).extensions.code).toBe('QUERY_TOO_COMPLEX');
    const legacy = await gql(expensive, {}, { accept: 'application/json' });
    expect(legacy.status).toBe(200);
    expect(firstError(legacy).extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });

  it('answers a persisted-query hash mismatch with 400 BAD_REQUEST and no error log', async () => {
    const errors = vi.spyOn(logger, 'error');
    const res = await send(`${base}/graphql`, { query: '{ stats { sources } }', extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } } });
    expect(res.status).toBe(400);
    expect(firstError(res).extensions.code).toBe('BAD_REQUEST');
    expect(firstError(res).message).toMatch(/sha256Hash/);
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });

  it('follows the GraphQL-over-HTTP statuses for parse and validation errors', async () => {
    const parse = await gql('{ stats {', {}, { accept: 'application/graphql-response+json' });
    expect(parse.status).toBe(400);
    expect(parse.headers.get('content-type')).toMatch(/application\/graphql-response\+json/);
    const legacy = await gql('{ nope }', {}, { accept: 'application/json' });
    expect(legacy.status).toBe(200);
    expect(legacy.headers.get('content-type')).toMatch(/application\/json/);
    expect(firstError(legacy).extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('6. relation ids are canonical and unique', () => {
  it('refuses an imported relation carrying an id of its own', async () => {
    const res = await gql<Imported>(IMPORT, { b: { relations: [{ id: 'rel:succeeds/instrument.spa-2/instrument.spa-1', type: 'LOCATED_IN', from: 'place:audit-b', to: 'country:thailand', quotes: [QUOTE] }] } }, { token: editor });
    expect(firstError(res).extensions.code).toBe('BAD_USER_INPUT');
    expect(firstError(res).extensions.problems![0]!).toMatchObject({ field: 'id' });
    expect(firstError(res).extensions.problems![0]!.reason).toContain('rel:located-in/place.audit-b/country.thailand');
  });

  it('keeps relation ids unique by constraint, even written past the API', async () => {
    const id = String((await executor.readText('t', 'MATCH (:Entity)-[r:SUCCEEDS]->(:Entity) RETURN r.id AS id LIMIT 1'))[0]!.id);
    await expect(executor.write('t', (tx) => tx.runText('test/duplicate-relation-id', 'MATCH (a:Entity {id: "place:audit-a"}), (b:Entity {id: "place:audit-b"}) CREATE (a)-[:SUCCEEDS {id: $id}]->(b)', { id }))).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('7. the audit trail needs an editor key', () => {
  it('refuses changes without a key (401) and answers with one', async () => {
    const anonymous = await gql('{ changes { totalCount edges { node { before } } } }');
    expect(anonymous.status).toBe(401);
    expect(firstError(anonymous).extensions.code).toBe('UNAUTHENTICATED');
    expect(anonymous.json!.data).toBeNull();
    const keyed = await gql<Changes>('{ changes { totalCount } }', {}, { token: editor });
    expect(dataOf(keyed).changes.totalCount).toBeGreaterThan(0);
  });
});

describe('8. the embedded Neo4j requires authentication', () => {
  it('keeps a generated password in <dataDir>/password, mode 0600, and refuses connections without it', async () => {
    expect(fs.statSync(passwordFile(graph.settings.dataDir)).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(passwordFile(graph.settings.dataDir), 'utf8').trim()).toBe(graph.neo4j.password);
    for (const auth of [neo4jDriver.auth.basic('neo4j', 'neo4j'), neo4jDriver.auth.basic('neo4j', ''), neo4jDriver.auth.basic('neo4j', `${graph.neo4j.password}x`)]) {
      const driver = neo4jDriver.driver(graph.neo4j.uri, auth);
      try {
        await expect(driver.executeQuery('MATCH (c:Change) DETACH DELETE c')).rejects.toMatchObject({ code: 'Neo.ClientError.Security.Unauthorized' });
      } finally {
        await driver.close();
      }
    }
    expect(await changeCount()).toBeGreaterThan(0);
    // Failed attempts do not lock the service's own user out (a denial of service by any local process).
    const fresh = new Executor({ uri: graph.neo4j.uri, user: graph.neo4j.user, password: graph.neo4j.password, queryTimeoutMs: 5000, connectionTimeoutMs: 5000 });
    try {
      expect(await fresh.ping()).toMatchObject({ ok: true });
    } finally {
      await fresh.close();
    }
  });
});

describe('9. a source metadata change is audited with its full before-image', () => {
  it('keeps the old title, url and text in the audit record', async () => {
    const before = (await executor.readText('t', 'MATCH (s:Source {id: "commit-about"}) RETURN s {.*} AS s'))[0]!.s as { title: string; text: string };
    const res = await gql<{ registerSource: { title: string } }>('mutation ($input: SourceInput!) { registerSource(input: $input) { id title } }', { input: { id: 'commit-about', title: 'A new title', url: 'https://example.org/moved', text: before.text } }, { token: editor });
    expect(dataOf(res).registerSource.title).toBe('A new title');
    const audit = await gql<Changes>('{ changes(target: "commit-about") { edges { node { action before after } } } }', {}, { token: editor });
    const change = dataOf(audit).changes.edges.at(-1)!.node;
    expect(change.action).toBe('UPDATE_SOURCE');
    const { normText: _derived, ...image } = before as Record<string, unknown>;
    expect(JSON.parse(change.before)).toEqual(image);
    expect(JSON.parse(change.before)).toMatchObject({ title: before.title, text: before.text });
    expect(JSON.parse(change.after)).toMatchObject({ title: 'A new title', url: 'https://example.org/moved' });
  });
});

describe('10. bad credentials are refused with 401 on any request and recorded', () => {
  it('answers an unknown key on a read with 401 and WWW-Authenticate, and records who tried', async () => {
    const res = await gql('{ stats { sources } }', {}, { token: 'ckg_not-a-real-key' });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(res.json).toEqual({ errors: [{ message: expect.stringMatching(/not valid/), extensions: { code: 'UNAUTHENTICATED' } }] });
    expect(res.text).not.toContain('ckg_not-a-real-key');
  });

  it('answers a revoked key with 401 on reads', async () => {
    const doomed = graph.keys.create('doomed', 'editor');
    expect((await gql('{ stats { sources } }', {}, { token: doomed })).status).toBe(200);
    graph.keys.revoke('doomed');
    expect((await gql('{ stats { sources } }', {}, { token: doomed })).status).toBe(401);
  });

  it('answers a missing key on a write with 401 and the wrong role with 403, and lists every refusal for an admin', async () => {
    const anonymous = await gql('mutation { retireEntity(id: "place:audit-a", version: 1, reason: "x") { id } }');
    expect(anonymous.status).toBe(401);
    const wrongRole = await gql('mutation Sneaky { retireEntity(id: "place:audit-a", version: 1, reason: "x") { id } }', {}, { token: editor });
    expect(wrongRole.status).toBe(403);
    expect(firstError(wrongRole).extensions.code).toBe('FORBIDDEN');
    // Refusals are recorded in the background: wait until the last one is there.
    const listed = async () =>
      dataOf(await gql<{ refusals: { edges: { node: { code: string } }[] } }>('{ refusals(first: 100) { edges { node { actor client code operation at } } } }', {}, { token: admin })).refusals.edges.map((e) => e.node);
    const refusals = await until(listed, (list) => list.some((r) => r.code === 'FORBIDDEN'), 5_000);
    expect(refusals).toEqual(expect.arrayContaining([
      expect.objectContaining({ actor: expect.stringMatching(/^unknown key [0-9a-f]{12}$/), code: 'UNAUTHENTICATED', client: expect.stringMatching(/^address:/) }),
      expect.objectContaining({ actor: 'anonymous', code: 'UNAUTHENTICATED', operation: 'mutation (anonymous): retireEntity' }),
      expect.objectContaining({ actor: 'ed', code: 'FORBIDDEN', client: 'key:ed', operation: 'mutation Sneaky: retireEntity' }),
    ]));
    const notAdmin = await gql('{ refusals { totalCount } }', {}, { token: editor });
    expect(notAdmin.status).toBe(403);
  });
});

describe('11. production mode', () => {
  it('gives no field suggestions and no upgrade-insecure-requests', async () => {
    const { app: prod, base: url } = await serve(graph, executor, { production: true });
    try {
      const res = await send(`${url}/graphql`, { query: '{ chnges { totalCount } }' });
      expect(firstError(res).extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.text).not.toMatch(/Did you mean/);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(res.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
    } finally {
      await prod.apollo.stop();
    }
  });

  it('lets curation run in trusted-operations mode: the manifest holds every mutation', async () => {
    const { app: strict, base } = await serve(graph, executor, { production: true, trustedOperations: true });
    const url = `${base}/graphql`;
    try {
      const manifest = [...readManifest()];
      const mutations = new Set(manifest.flatMap(([, d]) => [...d.matchAll(/^mutation \w+[^{]*\{\s*(\w+)/gm)].map((m) => m[1])));
      expect([...mutations].sort()).toEqual(['createEntity', 'createRelation', 'importBundle', 'registerSource', 'retireEntity', 'retireRelation', 'updateEntity']);
      const [, create] = manifest.find(([, d]) => d.startsWith('mutation CreateEntity'))!;
      const res = await send<{ createEntity: unknown }>(url, { query: create, variables: { input: { id: 'place:trusted', kind: 'PLACE', name: 'Trusted', provenance: [QUOTE] } } }, { token: editor });
      expect(res.json!.errors).toBeUndefined();
      expect(dataOf(res).createEntity).toMatchObject({ id: 'place:trusted', version: 1 });
    } finally {
      await strict.apollo.stop();
    }
  });
});

describe('12. careless input', () => {
  it('refuses timeline dates that do not exist', async () => {
    for (const from of ['2020-13-45', '2021-02-29', '2020-00']) {
      const res = await gql('query ($from: String) { timeline(from: $from) { totalCount } }', { from });
      expect(firstError(res).extensions.code, from).toBe('BAD_USER_INPUT');
    }
    expect((await gql('{ timeline(from: "2020-02-29") { totalCount } }')).json!.errors).toBeUndefined();
  });

  it('takes only a full ISO 8601 date-time for changes(since:)', async () => {
    for (const since of ['1', '2020', '2020-01-01', '2020-01-01T25:00:00Z', 'yesterday']) {
      const res = await gql('query ($s: String) { changes(since: $s) { totalCount } }', { s: since }, { token: editor });
      expect(firstError(res).extensions.code, since).toBe('BAD_USER_INPUT');
    }
    const ok = await gql<Changes>('{ changes(since: "2001-01-01T00:00:00Z") { totalCount } }', {}, { token: editor });
    expect(ok.json!.errors).toBeUndefined();
    expect(typeof dataOf(ok).changes.totalCount).toBe('number');
  });

  it('refuses an empty bundle and writes no audit record', async () => {
    const changes = await changeCount();
    for (const b of [{}, { nodes: [], relations: [], sources: [] }]) {
      const res = await gql<Imported>(IMPORT, { b }, { token: editor });
      expect(firstError(res).extensions.code).toBe('BAD_USER_INPUT');
    }
    expect(await changeCount()).toBe(changes);
  });

  it('keeps the error for a large bad bundle small', async () => {
    const nodes = Array.from({ length: 600 }, (_, i) => ({ id: `place:bad-${i}`, kind: 'Planet', name: 'x'.repeat(40), quotes: [{ source: 'nowhere', quote: 'y'.repeat(30) }] }));
    const body = JSON.stringify({ query: IMPORT, variables: { b: { nodes } } });
    expect(body.length).toBeGreaterThan(90_000);
    expect(body.length).toBeLessThan(100_000);
    const res = await send(`${base}/graphql`, body, { token: editor });
    expect(firstError(res).extensions.code).toBe('BAD_USER_INPUT');
    expect(firstError(res).extensions.problemCount).toBe(1200);
    expect(res.text.length).toBeLessThan(20_000);
  });

  it('never echoes a huge id in NOT_FOUND', async () => {
    const id = `place:${'a'.repeat(90_000)}`;
    const res = await gql('mutation ($id: ID!) { retireEntity(id: $id, version: 1, reason: "x") { id } }', { id }, { token: admin });
    expect(firstError(res).extensions.code).toBe('NOT_FOUND');
    expect(res.text.length).toBeLessThan(2_000);
  });
});

describe('13. client text never becomes server code', () => {
  it('answers a string literal carrying graphql-jit’s date marker as text, however often it is sent', async () => {
    // graphql-jit 0.8.9 would turn this literal into `new Date(<the rest>)` in the code it generates.
    const flag = '__securityTestPwned';
    const payloads = [
      `"__MAGIC_DATE__33a9e76d_02e0_4128_8e92_3530ad3da74d(globalThis.${flag}=true)"`,
      `"\\u005F_MAGIC_DATE__33a9e76d_02e0_4128_8e92_3530ad3da74d(globalThis.${flag}=true)"`,
      `"""__MAGIC_DATE__33a9e76d_02e0_4128_8e92_3530ad3da74d(globalThis.${flag}=true)"""`,
    ];
    for (const literal of payloads) {
      // More often than COMPILE_AFTER: a document is compiled once it repeats.
      for (let i = 0; i < 3; i++) {
        const res = await gql<{ lookup: unknown[] }>(`{ lookup(name: ${literal}) { id } }`);
        expect(res.status).toBe(200);
        expect(dataOf(res).lookup).toEqual([]);
      }
    }
    expect((globalThis as Record<string, unknown>)[flag]).toBeUndefined();
  });

  it('refuses a document whose fragments double at each level with QUERY_TOO_COMPLEX, before anything runs', async () => {
    // 2^40 fields once expanded, in about 500 tokens: the cost cannot be estimated, so it is refused.
    const query = `query { node(id: "x") { ...F40 } } fragment F0 on Node { id } ` + Array.from({ length: 40 }, (_, i) => `fragment F${i + 1} on Node { ...F${i} ...F${i} }`).join(' ');
    for (let i = 0; i < 2; i++) {
      const res = await gql(query);
      expect(firstError(res).extensions.code).toBe('QUERY_TOO_COMPLEX');
      expect(res.status).toBeLessThan(500);
    }
  });
});
