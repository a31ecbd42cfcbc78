/**
 * The /graphql endpoint runs on Node's own request and response (src/http/graphql-endpoint.ts), not
 * Express: what the Express route gave it (paths, the editor page beside it, CORS, the client address
 * behind a trusted proxy, request ids and JSON errors on every refusal) it must still give.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import type { Executor } from '../../src/db/executor.js';
import { createApp, listen, type App } from '../../src/server.js';
import { testConfig, testExecutor } from '../support/graph.js';
import { until } from '../support/poll.js';

let executor: Executor;
const apps: App[] = [];
const requestIds: string[] = [];

beforeAll(() => {
  executor = testExecutor();
});
afterAll(async () => {
  for (const app of apps) await app.apollo.stop();
  await executor.autoCommit('MATCH (r:Refusal) WHERE r.requestId IN $ids DELETE r', { ids: requestIds });
  await executor.close();
});

async function serve(overrides: Partial<Config> = {}): Promise<string> {
  const app = await createApp(testConfig(overrides), executor);
  apps.push(app);
  return `http://127.0.0.1:${await listen(app.httpServer, 0, '127.0.0.1')}`;
}

const post = (url: string, body: string, headers: Record<string, string> = {}) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
const typename = JSON.stringify({ query: '{ __typename }' });

describe('the /graphql endpoint without Express', () => {
  it('answers at /graphql, /graphql/ and any case of it, and NOT_FOUND below it', async () => {
    const base = await serve();
    for (const path of ['/graphql', '/graphql/', '/GraphQL']) {
      const res = await post(`${base}${path}`, typename);
      expect(res.status, path).toBe(200);
      expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
    }
    const below = await post(`${base}/graphql/extra`, typename);
    expect(below.status).toBe(404);
    expect((await below.json()).errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('gives a browser the editor page at GET /graphql, and a GET with a query its answer', async () => {
    const base = await serve();
    const page = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    // The editor's page, or its "not built" notice: never a GraphQL answer.
    expect(page.headers.get('content-type')).toMatch(/^text\/(html|plain)/);
    // Apollo's CSRF prevention asks a GET for a header a plain form cannot send.
    const answer = await fetch(`${base}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept: 'text/html, application/json', 'apollo-require-preflight': 'true' } });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('sends CORS headers for the allowed origins only when CORS_ORIGINS is set', async () => {
    const origin = 'https://researcher.example';
    const open = await serve({ corsOrigins: [origin] });
    const preflight = await fetch(`${open}/graphql`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET,POST');
    const answered = await post(`${open}/graphql`, typename, { origin });
    expect(answered.headers.get('access-control-allow-origin')).toBe(origin);
    expect(answered.headers.get('x-content-type-options')).toBe('nosniff');
    const closed = await serve();
    expect((await post(`${closed}/graphql`, typename, { origin })).headers.get('access-control-allow-origin')).toBeNull();
  });

  it("takes the client's address from X-Forwarded-For only behind a trusted proxy", async () => {
    const clientOf = async (base: string) => {
      const id = `endpoint-test-${crypto.randomUUID()}`;
      requestIds.push(id);
      const res = await post(`${base}/graphql`, typename, { authorization: 'Bearer not-a-key', 'x-forwarded-for': '203.0.113.9', 'x-request-id': id });
      expect(res.status).toBe(401);
      expect(res.headers.get('x-request-id')).toBe(id);
      // The refusal is recorded in the background, with the client it was counted against.
      const read = () => executor.readText('test/refusal', 'MATCH (r:Refusal {requestId: $id}) RETURN r.client AS client', { id });
      const rows = await until(read, (r) => r.length > 0, 5_000);
      return rows[0]?.client;
    };
    expect(await clientOf(await serve({ trustProxy: true }))).toBe('address:203.0.113.9');
    expect(await clientOf(await serve())).toBe('address:127.0.0.1');
  });

  it('answers a body that is not JSON, or too large, with a JSON error, its status and the request id', async () => {
    const base = await serve({ maxBodyBytes: '1kb' });
    const broken = await post(`${base}/graphql`, '{"query": ', { 'x-request-id': 'broken-body' });
    expect(broken.status).toBe(400);
    expect(broken.headers.get('x-request-id')).toBe('broken-body');
    expect((await broken.json()).errors[0]).toEqual({ message: 'Request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } });
    const large = await post(`${base}/graphql`, JSON.stringify({ query: `{ __typename } # ${'x'.repeat(2048)}` }));
    expect(large.status).toBe(413);
    expect((await large.json()).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
