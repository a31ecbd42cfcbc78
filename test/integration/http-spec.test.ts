/**
 * GraphQL over HTTP conformance: the graphql-http package's server audits (the reference suite of the
 * GraphQL-over-HTTP specification) run against the real server, for application/json and
 * application/graphql-response+json alike. Every MUST and every SHOULD passes; MAY items are reported.
 */
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type App } from '../../src/server.js';
import { testApollo, testExecutor } from '../support/graph.js';

const executor = testExecutor();
let app: App;
let url = '';

beforeAll(async () => {
  app = await testApollo(executor);
  url = `http://127.0.0.1:${await listen(app.httpServer, 0, '127.0.0.1')}/graphql`;
});
afterAll(async () => {
  await app.apollo.stop();
  await executor.close();
});

describe('GraphQL over HTTP (graphql-http server audits)', () => {
  const audits = serverAudits({ url: () => url });
  for (const audit of audits) {
    const level = audit.name.startsWith('MUST') ? 'MUST' : audit.name.startsWith('SHOULD') ? 'SHOULD' : 'MAY';
    it.runIf(level !== 'MAY')(`${audit.id} ${audit.name}`, async () => {
      const result = await audit.fn();
      expect(result.status === 'ok' ? 'ok' : `${result.status}: ${result.reason}`).toBe('ok');
    });
  }
});
