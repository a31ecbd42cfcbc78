import { describe, expect, it, vi } from 'vitest';
import { buildSchema, execute, Kind, parse, type GraphQLResolveInfo, type OperationDefinitionNode } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { compilable, CompiledDocuments, runOperation } from '../../src/graphql/compiled-execution.js';

const schema = buildSchema(`
  interface Node { id: ID! }
  type Item implements Node { id: ID! name: String tags(first: Int = 2): [String!]! }
  type Query { items(ids: [ID!]!, rejected: Boolean = false): [Item] echo(text: String, list: [String], input: Box): String item(id: ID!): Item node(id: ID!): Node }
  input Box { text: String }
`);
const seen: GraphQLResolveInfo[] = [];
class Refused extends Error {}
const fields = schema.getQueryType()!.getFields();
fields.echo!.resolve = (_: unknown, args: { text?: string; list?: string[]; input?: { text?: string } }) => args.text ?? args.list?.join(',') ?? args.input?.text ?? null;
fields.item!.resolve = (_: unknown, { id }: { id: string }, _ctx: unknown, info: GraphQLResolveInfo) => {
  seen.push(info);
  return id === 'none' ? null : { id, name: `Item ${id}`, tags: ['a', 'b', 'c'] };
};
fields.items!.resolve = (_: unknown, { ids, rejected }: { ids: string[]; rejected: boolean }) =>
  ids.map((id) => (id !== 'none' ? { id, name: `Item ${id}`, tags: [] } : rejected ? Promise.reject(new Refused('no such item')) : new Refused('no such item')));
fields.node!.resolve = (_: unknown, { id }: { id: string }) => ({ __typename: 'Item', id, name: `Node ${id}`, tags: [] });
(schema.getType('Item') as unknown as { getFields(): Record<string, { resolve?: unknown }> }).getFields().tags!.resolve = (item: { tags: string[] }, { first }: { first: number }) => item.tags.slice(0, first);
(schema.getType('Node') as unknown as { resolveType: () => string }).resolveType = () => 'Item';

/** A string literal that graphql-jit 0.8.9 turns into code (`new Date(<the rest>)`). */
const PAYLOAD = '__MAGIC_DATE__33a9e76d_02e0_4128_8e92_3530ad3da74d(globalThis.__compiledExecutionPwned=true)';
/** Compiles at the first execution, without a budget to speak of. */
const EAGER = { after: 1, budgetMsPerSecond: 1000 };
const g = globalThis as { __compiledExecutionPwned?: boolean };

const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

function run(documents: CompiledDocuments, query: string, variables?: Record<string, unknown>) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return runOperation(documents, schema, { document, operation, operationName: null, variables, context: {} });
}

describe('compiled execution (graphql-jit)', () => {
  it('the hazard it guards against: graphql-jit runs code from a string literal that carries its date marker', async () => {
    // If graphql-jit stops doing this, the guard in compilable() is no longer needed; this test says so.
    g.__compiledExecutionPwned = false;
    const compiled = compileQuery(schema, parse(`{ echo(text: ${JSON.stringify(PAYLOAD)}) }`));
    expect(isCompiledQuery(compiled)).toBe(true);
    if (isCompiledQuery(compiled)) await compiled.query(undefined, {}, {});
    expect(g.__compiledExecutionPwned).toBe(true);
    g.__compiledExecutionPwned = false;
  });

  it('refuses to compile a document with a marker in any string literal, however written', () => {
    expect(compilable(parse('{ echo(text: "plain") item(id: "1") { name } }'))).toBe(true);
    for (const query of [
      `{ echo(text: ${JSON.stringify(PAYLOAD)}) }`,
      `{ echo(list: ["x", ${JSON.stringify(PAYLOAD)}]) }`,
      `{ echo(input: { text: ${JSON.stringify(PAYLOAD)} }) }`,
      `{ echo(text: """${PAYLOAD}""") }`,
      // Escaped: the marker exists only once the literal is decoded.
      `{ echo(text: "\\u005F_MAGIC_NAN__") }`,
      `query Q($t: String = ${JSON.stringify(PAYLOAD)}) { echo(text: $t) }`,
      `{ item(id: "1") @include(if: true) { name } ...F } fragment F on Query { echo(text: "x__MAGIC") }`,
    ]) {
      expect(compilable(parse(query)), query).toBe(false);
    }
  });

  it('answers such a document with graphql-js: the literal comes back as text and no code runs', async () => {
    g.__compiledExecutionPwned = false;
    const documents = new CompiledDocuments(schema, EAGER);
    const result = await run(documents, `{ echo(text: ${JSON.stringify(PAYLOAD)}) }`);
    expect(result).toEqual({ data: { echo: PAYLOAD } });
    expect(g.__compiledExecutionPwned).toBe(false);
  });

  it('gives the same answer as graphql-js: aliases, fragments, @skip/@include, defaults, nulls and abstract types', async () => {
    const query = `query Q($id: ID!, $skip: Boolean!) {
      a: item(id: $id) { id ...F tags }
      b: item(id: "2") @skip(if: $skip) { name }
      c: item(id: "none") { name }
      node(id: "3") { id ... on Item { __typename name tags(first: 1) } }
    }
    fragment F on Item { label: name }`;
    const variables = { id: '1', skip: false };
    const documents = new CompiledDocuments(schema, EAGER);
    const compiled = await run(documents, query, variables);
    const interpreted = await execute({ schema, document: parse(query), variableValues: variables });
    expect(compiled).toEqual(interpreted);
    expect(compiled.data).toEqual({
      a: { id: '1', label: 'Item 1', tags: ['a', 'b'] },
      b: { name: 'Item 2' },
      c: null,
      node: { id: '3', __typename: 'Item', name: 'Node 3', tags: [] },
    });
    expect(documents.get(parse('{ echo }'), null)).not.toBe('interpreted');
  });

  it("hands resolvers the info the planner reads: the same operation object per document, variables, path, field nodes", async () => {
    const documents = new CompiledDocuments(schema, EAGER);
    const document = parse('query Q($id: ID!) { first: item(id: $id) { name } }');
    const operation = document.definitions[0] as OperationDefinitionNode;
    seen.length = 0;
    for (const id of ['1', '2']) await runOperation(documents, schema, { document, operation, operationName: 'Q', variables: { id }, context: {} });
    expect(seen).toHaveLength(2);
    expect(seen[0]!.operation).toBe(operation);
    expect(seen[1]!.operation).toBe(operation);
    expect(seen.map((info) => info.variableValues)).toEqual([{ id: '1' }, { id: '2' }]);
    expect(seen[0]!.path.key).toBe('first');
    expect(seen[0]!.fieldNodes[0]!.alias?.value).toBe('first');
    expect(seen[0]!.fragments).toEqual({});
  });

  it("answers a refused variable with graphql-js's error, which Apollo reads as BAD_USER_INPUT", async () => {
    const documents = new CompiledDocuments(schema, EAGER);
    const result = await run(documents, 'query Q($id: ID!) { item(id: $id) { name } }', { id: { not: 'an id' } });
    expect(result.data).toBeUndefined();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.message).toMatch(/^Variable "\$id" got invalid value/);
    expect(result.errors![0]!.nodes?.[0]?.kind).toBe(Kind.VARIABLE_DEFINITION);
  });

  it('fills in default values graphql-jit would refuse, and leaves an operation Apollo did not find to graphql-js', async () => {
    const documents = new CompiledDocuments(schema, EAGER);
    const query = 'query Q($id: ID! = "7", $first: Int = 1) { item(id: $id) { id tags(first: $first) } }';
    const document = parse(query);
    const operation = document.definitions[0] as OperationDefinitionNode;
    const go = (variables: Record<string, unknown>) => runOperation(documents, schema, { document, operation, operationName: 'Q', variables, context: {} });
    const compiled = documents.get(document, 'Q');
    if (compiled === 'interpreted') throw new Error('expected a compiled operation');
    const runs = vi.spyOn(compiled, 'query');
    expect(await go({})).toEqual({ data: { item: { id: '7', tags: ['a'] } } });
    expect(await go({ first: null })).toEqual(await execute({ schema, document, variableValues: { first: null } }));
    expect(await go({ id: '8', first: 2 })).toEqual({ data: { item: { id: '8', tags: ['a', 'b'] } } });
    // All three ran compiled: graphql-jit accepted the variables once their defaults were filled in.
    expect(runs).toHaveBeenCalledTimes(3);
    expect(runs.mock.calls[0]![2]).toEqual({ id: '7', first: 1 });
    const two = parse('query A { echo } query B { echo }');
    const unknown = await runOperation(documents, schema, { document: two, operation: undefined, operationName: 'C', variables: {}, context: {} });
    expect(unknown.errors?.map((e) => e.message)).toEqual(['Unknown operation named "C".']);
  });

  it('answers a failed list item given as the error itself as graphql-js does; a rejected promise is the graphql-jit bug resolvers avoid', async () => {
    const documents = new CompiledDocuments(schema, EAGER);
    const query = '{ items(ids: ["none", "1", "2"]) { id } }';
    const compiled = await run(documents, query);
    // As JSON: graphql-js's error object carries an empty `extensions` that serialises to nothing.
    expect(json(compiled)).toEqual(json(await execute({ schema, document: parse(query) })));
    expect(compiled.data).toEqual({ items: [null, { id: '1' }, { id: '2' }] });
    expect(compiled.errors?.map((e) => [e.message, e.path])).toEqual([['no such item', ['items', 0]]]);
    // If graphql-jit fixes this, a rejected item becomes safe again (entity.resolvers.ts `nodes` avoids it).
    const rejected = await run(documents, '{ items(ids: ["none", "1", "2"], rejected: true) { id } }');
    expect((rejected.data as { items: unknown[] }).items).toHaveLength(4);
  });

  it('keeps compiled functions for a bounded number of documents, least recently used out first', () => {
    const documents = new CompiledDocuments(schema, { ...EAGER, capacity: 2 });
    const [one, two, three] = ['{ echo }', '{ item(id: "1") { id } }', '{ node(id: "1") { id } }'].map((q) => parse(q));
    const first = documents.get(one!, null);
    const second = documents.get(two!, null);
    expect(documents.get(one!, null)).toBe(first);
    documents.get(three!, null);
    expect(documents.size).toBe(2);
    // `two` was the least recently used: it is compiled again; `one` was kept.
    expect(documents.get(one!, null)).toBe(first);
    const again = documents.get(two!, null);
    expect(again).not.toBe('interpreted');
    expect(again).not.toBe(second);
    expect(documents.size).toBe(2);
  });

  it('compiles a document at its `after`-th execution; 0 never compiles', () => {
    const document = parse('{ echo }');
    const twice = new CompiledDocuments(schema, { after: 2, budgetMsPerSecond: 1000 });
    expect(twice.get(document, null)).toBe('interpreted');
    const compiled = twice.get(document, null);
    expect(compiled).not.toBe('interpreted');
    expect(twice.get(document, null)).toBe(compiled);
    // Another operation of the same document counts its own executions.
    const named = parse('query A { echo } query B { item(id: "1") { id } }');
    expect(twice.get(named, 'A')).toBe('interpreted');
    expect(twice.get(named, 'B')).toBe('interpreted');
    expect(twice.get(named, 'A')).not.toBe('interpreted');
    const never = new CompiledDocuments(schema, { after: 0, budgetMsPerSecond: 1000 });
    for (let i = 0; i < 3; i++) expect(never.get(document, null)).toBe('interpreted');
    expect(never.size).toBe(0);
  });

  it('compiles no more than its budget of milliseconds in a second; graphql-js runs the rest until the next second', () => {
    let now = 10_000;
    // Every reading of this clock is 30 ms later: a compilation "takes" 30 ms.
    const clock = () => (now += 30);
    const documents = new CompiledDocuments(schema, { after: 1, budgetMsPerSecond: 50, clock });
    const [one, two, three] = ['{ echo }', '{ item(id: "1") { id } }', '{ node(id: "1") { id } }'].map((q) => parse(q));
    expect(documents.get(one!, null)).not.toBe('interpreted');
    expect(documents.get(two!, null)).not.toBe('interpreted');
    // 60 ms spent of 50: the third waits for the next second.
    expect(documents.get(three!, null)).toBe('interpreted');
    now += 1000;
    expect(documents.get(three!, null)).not.toBe('interpreted');
    const none = new CompiledDocuments(schema, { after: 1, budgetMsPerSecond: 0 });
    expect(none.get(one!, null)).toBe('interpreted');
  });
});
