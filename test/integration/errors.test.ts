/** How errors reach a client: once per problem, with its code, over the real server and database. */
import { describe, expect, it } from 'vitest';
import { execute, sharedApp } from '../support/graph.js';

const suite = sharedApp();
const { executor } = suite;

describe('errors repeated across a list', () => {
  it('reports a bad context(chars:) under every source once, with how often it occurred', async () => {
    const { data, errors } = await execute<{ node: { sources: unknown[] } | null }>(suite.app.apollo, executor, '{ node(id: "instrument:spa-2") { sources { quote context(chars: 5000) { quote } } } }');
    const sources = data?.node?.sources as unknown[];
    expect(sources.length).toBeGreaterThan(1);
    expect(errors).toHaveLength(1);
    expect(errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'chars', occurrences: sources.length });
  });
});
