/** How errors reach a client: once per problem, with its code, over the real server and database. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/server.js';
import { execute, testApollo, testExecutor } from '../support/graph.js';

const executor = testExecutor();
let app: App;
beforeAll(async () => {
  app = await testApollo(executor);
});
afterAll(async () => {
  await app.apollo.stop();
  await executor.close();
});

describe('errors repeated across a list', () => {
  it('reports a bad context(chars:) under every source once, with how often it occurred', async () => {
    const { data, errors } = await execute(app.apollo, executor, '{ node(id: "instrument:spa-2") { sources { quote context(chars: 5000) { quote } } } }');
    const sources = data?.node?.sources as unknown[];
    expect(sources.length).toBeGreaterThan(1);
    expect(errors).toHaveLength(1);
    expect(errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'chars', occurrences: sources.length });
  });
});
