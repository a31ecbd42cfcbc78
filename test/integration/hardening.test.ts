/**
 * Abuse and malformed input over real HTTP: limits refused before the database is touched, a fuzz
 * corpus answered with codes and the statuses the GraphQL-over-HTTP spec gives (never a 500), trusted
 * operations, production mode, and the query timeout.
 */
import { describe, expect, it } from 'vitest';
import { Executor } from '../../src/db/executor.js';
import { listen } from '../../src/server.js';
import { operationHash, readManifest } from '../../src/graphql/trusted-operations.js';
import { SLOW_STATEMENT, sharedApp, testConfig } from '../support/graph.js';
import { createApp } from '../../src/server.js';
import { inject } from 'vitest';

const suite = sharedApp({ listen: true });
const { executor } = suite;

/** A GraphQL answer over HTTP, as far as these tests read it. */
interface Answer {
  data?: { stats: { sources: number; nodesByKind: { kind: string; count: number }[] } } | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** The first error's extensions; throws (failing the test) when the answer has no error. */
function firstError(json: Answer | null): Record<string, unknown> {
  const error = json?.errors?.[0];
  if (!error?.extensions) throw new Error(`expected an error with extensions, got ${JSON.stringify(json)}`);
  return error.extensions;
}

async function post(body: string, contentType = 'application/json', extraHeaders: Record<string, string> = {}) {
  const res = await fetch(`${suite.base}/graphql`, { method: 'POST', headers: { 'content-type': contentType, ...extraHeaders }, body });
  const text = await res.text();
  let json: Answer | null = null;
  try {
    json = JSON.parse(text) as Answer;
  } catch {
    /* not JSON */
  }
  return { status: res.status, json, text };
}
const gql = (query: string, variables?: unknown) => post(JSON.stringify({ query, variables }));

describe('limits, before the database is touched', () => {
  it('refuses a too-deep query with QUERY_TOO_COMPLEX naming the depth limit', async () => {
    const deep = '{ node(id: "instrument:spa-2") { relations { to { relations { to { relations { to { relations { to { relations { to { relations { to { id } } } } } } } } } } } } } }';
    const { json } = await gql(deep);
    expect(firstError(json)).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'depth', max: 10 });
    expect(json!.data).toBeUndefined();
  });

  it('refuses too many aliases', async () => {
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: node(id: "place:hanoi") { id }`).join(' ');
    const { json } = await gql(`{ ${aliases} }`);
    expect(firstError(json)).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'aliases', max: 15, actual: 20 });
  });

  it('refuses an expensive query by its list-multiplied cost', async () => {
    const { json } = await gql('{ entities(first: 100) { edges { node { relations(first: 500) { to { relations(first: 500) { id } } } } } } }');
    expect(firstError(json)).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost', max: 50_000 });
    expect(firstError(json).actual).toBeGreaterThan(50_000);
  });

  it('refuses a document with too many tokens', async () => {
    const { json } = await gql(`{ ${Array.from({ length: 3100 }, () => '__typename').join(' ')} }`);
    expect(firstError(json)).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'tokens', max: 3000 });
  });

  it('refuses a body over the size limit with 413', async () => {
    const { status, json } = await post(JSON.stringify({ query: `{ search(query: "${'x'.repeat(200_000)}") { totalCount } }` }));
    expect(status).toBe(413);
    expect(firstError(json).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('lets the examples through', async () => {
    for (const [hash, document] of readManifest()) {
      const { json } = await gql(document);
      expect(json!.errors?.filter((e) => e.extensions!.code === 'QUERY_TOO_COMPLEX') ?? [], hash).toEqual([]);
    }
  });
});

describe('fuzz: malformed input never yields a 500, always a code', () => {
  const corpus: [string, () => Promise<{ status: number; json: Answer | null; text: string }>, number[]][] = [
    ['invalid JSON', () => post('{"query": "{ stats { sources } }"'), [400]],
    ['JSON that is not an object', () => post('[1, 2, 3]'), [400]],
    ['empty body', () => post(''), [400]],
    ['no query', () => post('{}'), [400]],
    ['query not a string', () => post('{"query": 42}'), [400]],
    ['syntax error', () => gql('{ node(id: "x" { id }'), [200, 400]],
    ['unknown field', () => gql('{ nope }'), [200, 400]],
    ['wrong variable type', () => gql('query ($id: ID!) { node(id: $id) { id } }', { id: { $ne: 1 } }), [200, 400]],
    ['missing variable', () => gql('query ($id: ID!) { node(id: $id) { id } }'), [200, 400]],
    ['variables not an object', () => post('{"query": "{ stats { sources } }", "variables": "x"}'), [400]],
    ['cyclic fragments', () => gql('query { node(id: "place:hanoi") { ...A } } fragment A on Node { ...B } fragment B on Node { ...A }'), [200, 400]],
    ['deep nesting of braces', () => gql(`{ ${'node(id: "x") { '.repeat(300)}id${' }'.repeat(300)} }`), [200, 400]],
    ['NUL in a string', () => gql('query ($q: String!) { search(query: $q) { totalCount } }', { q: 'SPA\u0000II' }), [200]],
    ['lone surrogate', () => post('{"query": "query ($q: String!) { search(query: $q) { totalCount } }", "variables": {"q": "\\ud800 spa"}}'), [200]],
    ['right-to-left text', () => gql('query ($q: String!) { lookup(name: $q) { id } }', { q: '\u202e\u0627\u0644\u062a\u062c\u0627\u0631\u0629' }), [200]],
    ['huge string argument', () => gql('query ($q: String!) { lookup(name: $q) { id } }', { q: 'é'.repeat(40_000) }), [200]],
    ['Cypher injection in an id', () => gql('query ($id: ID!) { node(id: $id) { id } }', { id: "x'}) MATCH (n) DETACH DELETE n //" }), [200]],
    ['wrong content type', () => post('{ stats { sources } }', 'text/plain'), [400, 415]],
    ['GET mutation-ish nonsense', async () => {
      const res = await fetch(`${suite.base}/graphql?query=${encodeURIComponent('{ stats { sources } ')}`, { headers: { 'apollo-require-preflight': '1' } });
      return { status: res.status, json: (await res.json().catch(() => null)) as Answer | null, text: '' };
    }, [200, 400]],
    ['introspection depth bomb', () => gql('{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } }'), [200, 400]],
  ];

  for (const [name, send, statuses] of corpus) {
    it(`answers ${name} with a coded error and status ${statuses.join('/')}`, async () => {
      const { status, json, text } = await send();
      expect(statuses).toContain(status);
      expect(status).not.toBe(500);
      expect(text).not.toMatch(/at .+\.(js|ts):\d+:\d+/);
      if (json?.errors) for (const e of json.errors) expect(typeof e.extensions?.code).toBe('string');
    });
  }

  it('stays up and unharmed after the corpus', async () => {
    const { json } = await gql('{ stats { sources nodesByKind { kind count } } }');
    expect(json!.data!.stats.sources).toBe(1);
    expect(json!.data!.stats.nodesByKind.reduce((a, k) => a + k.count, 0)).toBe(102);
  });
});

describe('trusted operations and production mode', () => {
  it('runs only registered operations when TRUSTED_OPERATIONS is on, by text or by hash', async () => {
    const strict = await createApp(testConfig({ production: true, trustedOperations: true }), executor);
    const url = `http://127.0.0.1:${await listen(strict.httpServer, 0, '127.0.0.1')}/graphql`;
    try {
      const send = (body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const unknown = await send({ query: '{ stats { sources } }' });
      expect(unknown.status).toBe(403);
      expect((await unknown.json()).errors[0].extensions.code).toBe('FORBIDDEN');
      const [hash, document] = [...readManifest()].find(([, d]) => d.includes('query Search'))!;
      const byText = await (await send({ query: document })).json();
      expect(byText.data.search.edges.length).toBeGreaterThan(0);
      const byHash = await (await send({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } })).json();
      expect(byHash.data.search.edges.length).toBeGreaterThan(0);
      expect(operationHash(document)).toBe(hash);
    } finally {
      await strict.apollo.stop();
    }
  });

  it('turns introspection off and sends security headers in production', async () => {
    const prod = await createApp(testConfig({ production: true }), executor);
    const url = `http://127.0.0.1:${await listen(prod.httpServer, 0, '127.0.0.1')}`;
    try {
      const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }) });
      const body = await res.json();
      expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(body.errors[0].message).toMatch(/introspection/i);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(res.headers.get('x-request-id')).toBeTruthy();
    } finally {
      await prod.apollo.stop();
    }
  });
});

describe('timeouts', () => {
  it('stops a statement that runs past the transaction timeout with DATABASE_TIMEOUT, not a hang', async () => {
    const impatient = new Executor({ uri: inject('neo4jUri'), user: inject('neo4jUser'), password: inject('neo4jPassword'), queryTimeoutMs: 300, connectionTimeoutMs: 3000 });
    const started = Date.now();
    try {
      await expect(impatient.readText('slow', SLOW_STATEMENT)).rejects.toMatchObject({ code: 'DATABASE_TIMEOUT' });
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await impatient.close();
    }
  });
});
