import { describe, expect, it, vi } from 'vitest';
import { assertAbstractType, buildASTSchema, buildSchema, execute, GraphQLError, Kind, parse, type DocumentNode, type GraphQLResolveInfo, type OperationDefinitionNode } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { CompiledDocuments, compiledFields, MAX_COMPILED_FIELDS, notCompilable, runOperation } from '../../src/graphql/compiled-execution.js';
import { typeDefs } from '../../src/graphql/schema.js';

const schema = buildSchema(`
  interface Node { id: ID! }
  type Item implements Node { id: ID! name: String tags(first: Int = 2): [String!]! }
  type Mutation { echo(text: String): String }
  type Query { boom: String must: String! items(ids: [ID!]!, rejected: Boolean = false): [Item] echo(text: String, list: [String], input: Box): String item(id: ID!): Item node(id: ID!): Node }
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
fields.boom!.resolve = () => {
  throw new Error('boom');
};
fields.must!.resolve = () => null;
fields.node!.resolve = (_: unknown, { id }: { id: string }) => ({ __typename: 'Item', id, name: `Node ${id}`, tags: [] });
(schema.getType('Item') as unknown as { getFields(): Record<string, { resolve?: unknown }> }).getFields().tags!.resolve = (item: { tags: string[] }, { first }: { first: number }) => item.tags.slice(0, first);
(schema.getType('Node') as unknown as { resolveType: () => string }).resolveType = () => 'Item';

/** A string literal that graphql-jit 0.8.9 turns into code (`new Date(<the rest>)`). */
const PAYLOAD = '__MAGIC_DATE__33a9e76d_02e0_4128_8e92_3530ad3da74d(globalThis.__compiledExecutionPwned=true)';
/** Compiles at the first execution, without a budget to speak of. */
const EAGER = { after: 1, budgetMsPerSecond: 1000 };
const g = globalThis as { __compiledExecutionPwned?: boolean };

const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

const operationOf = (document: DocumentNode, name?: string) =>
  document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (name === undefined || d.name?.value === name))!;

function run(documents: CompiledDocuments, query: string, variables?: Record<string, unknown>) {
  const document = parse(query);
  return runOperation(documents, schema, { document, operation: operationOf(document), operationName: null, source: query, variables, context: {} });
}

/** Whether `documents` compiles (or has compiled) `query` when it runs now. */
const compiles = (documents: CompiledDocuments, document: DocumentNode, source: string, name?: string) => documents.get(document, operationOf(document, name), source) !== 'interpreted';

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

  it('refuses to compile what graphql-jit mishandles: markers, __proto__ keys, aliases with _, variables in literals, mutations', () => {
    const reason = (query: string) => {
      const document = parse(query);
      return notCompilable(document, operationOf(document));
    };
    expect(reason('query Q($id: ID!) { echo(text: "plain", list: ["a"], input: { text: "b" }) item(id: $id) { name } }')).toBeNull();
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
      expect(reason(query), query).toBe('a string literal with a graphql-jit marker');
    }
    expect(reason('{ echo(input: { __proto__: "x" }) }')).toBe('an input key "__proto__"');
    expect(reason('{ a_b: echo }')).toBe('an alias with "_"');
    expect(reason('query Q($t: String) { echo(list: ["a", $t]) }')).toBe('a variable inside a list or object literal');
    expect(reason('query Q($t: String) { echo(input: { text: $t }) }')).toBe('a variable inside a list or object literal');
    expect(reason('mutation { echo(text: "x") }')).toBe('a mutation');
    expect(reason('{ __schema { queryType { name } } }')).toBe('an introspection field');
    expect(reason('{ __type(name: "Item") { name } }')).toBe('an introspection field');
    expect(reason('{ __typename item(id: "1") { __typename } }')).toBeNull();
  });

  it('answers such a document with graphql-js: the literal comes back as text and no code runs', async () => {
    g.__compiledExecutionPwned = false;
    const documents = new CompiledDocuments(schema, EAGER);
    const query = `{ echo(text: ${JSON.stringify(PAYLOAD)}) }`;
    const result = await run(documents, query);
    expect(result).toEqual({ data: { echo: PAYLOAD } });
    expect(compiles(documents, parse(query), query)).toBe(false);
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
  });

  it("hands resolvers the info the planner reads: the same operation object per document, variables, path, field nodes", async () => {
    const documents = new CompiledDocuments(schema, EAGER);
    const document = parse('query Q($id: ID!) { first: item(id: $id) { name } }');
    const operation = document.definitions[0] as OperationDefinitionNode;
    seen.length = 0;
    const source = 'query Q($id: ID!) { first: item(id: $id) { name } }';
    for (const id of ['1', '2']) await runOperation(documents, schema, { document, operation, operationName: 'Q', source, variables: { id }, context: {} });
    expect(seen).toHaveLength(2);
    // The compiled query's own parse of the text (graphql-jit writes into the nodes it compiles), the same object each time.
    expect(seen[0]!.operation).not.toBe(operation);
    expect(seen[0]!.operation).toEqual(expect.objectContaining({ kind: Kind.OPERATION_DEFINITION, name: expect.objectContaining({ value: 'Q' }) }));
    expect(seen[1]!.operation).toBe(seen[0]!.operation);
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
    const go = (variables: Record<string, unknown>) => runOperation(documents, schema, { document, operation, operationName: 'Q', source: query, variables, context: {} });
    const compiled = documents.get(document, operation, query);
    if (compiled === 'interpreted') throw new Error('expected a compiled operation');
    const runs = vi.spyOn(compiled, 'query');
    expect(await go({})).toEqual({ data: { item: { id: '7', tags: ['a'] } } });
    expect(await go({ first: null })).toEqual(await execute({ schema, document, variableValues: { first: null } }));
    expect(await go({ id: '8', first: 2 })).toEqual({ data: { item: { id: '8', tags: ['a', 'b'] } } });
    // All three ran compiled: graphql-jit accepted the variables once their defaults were filled in.
    expect(runs).toHaveBeenCalledTimes(3);
    expect(runs.mock.calls[0]![2]).toEqual({ id: '7', first: 1 });
    const two = parse('query A { echo } query B { echo }');
    const unknown = await runOperation(documents, schema, { document: two, operation: undefined, operationName: 'C', source: 'query A { echo } query B { echo }', variables: {}, context: {} });
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

  it("rebuilds graphql-jit's errors as graphql-js errors with extensions (Apollo reads extensions.code)", async () => {
    const documents = new CompiledDocuments(schema, EAGER);
    for (const query of ['{ boom echo(text: "x") }', '{ must echo(text: "x") }']) {
      const compiled = await run(documents, query);
      expect(json(compiled)).toEqual(json(await execute({ schema, document: parse(query) })));
      for (const error of compiled.errors!) {
        expect(error).toBeInstanceOf(GraphQLError);
        expect(error.extensions).toEqual({});
        expect(error.locations).toEqual([{ line: 1, column: 3 }]);
      }
    }
    const plain = await run(documents, '{ boom }');
    expect(plain.errors![0]!.originalError?.message).toBe('boom');
    expect(plain.errors![0]!.path).toEqual(['boom']);
  });

  it('keeps compiled functions for a bounded number of documents, least recently used out first', () => {
    const documents = new CompiledDocuments(schema, { ...EAGER, capacity: 2 });
    const texts = ['{ echo }', '{ item(id: "1") { id } }', '{ node(id: "1") { id } }'];
    const [one, two, three] = texts.map((q) => parse(q));
    const get = (document: DocumentNode, i: number) => documents.get(document, operationOf(document), texts[i]!);
    const first = get(one!, 0);
    const second = get(two!, 1);
    expect(first).not.toBe('interpreted');
    expect(get(one!, 0)).toBe(first);
    get(three!, 2);
    expect(documents.size).toBe(2);
    // `two` was the least recently used: it is compiled again; `one` was kept.
    expect(get(one!, 0)).toBe(first);
    const again = get(two!, 1);
    expect(again).not.toBe('interpreted');
    expect(again).not.toBe(second);
    expect(documents.size).toBe(2);
  });

  it('compiles a query at its `after`-th execution, each operation of a document counted apart; 0 never compiles', () => {
    const text = '{ echo }';
    const document = parse(text);
    const twice = new CompiledDocuments(schema, { after: 2, budgetMsPerSecond: 1000 });
    expect(twice.get(document, operationOf(document), text)).toBe('interpreted');
    expect(twice.size).toBe(0);
    const compiled = twice.get(document, operationOf(document), text);
    expect(compiled).not.toBe('interpreted');
    expect(twice.get(document, operationOf(document), text)).toBe(compiled);
    const namedText = 'query A { echo } query B { item(id: "1") { id } }';
    const named = parse(namedText);
    expect(compiles(twice, named, namedText, 'A')).toBe(false);
    expect(compiles(twice, named, namedText, 'B')).toBe(false);
    expect(compiles(twice, named, namedText, 'A')).toBe(true);
    const never = new CompiledDocuments(schema, { after: 0, budgetMsPerSecond: 1000 });
    for (let i = 0; i < 3; i++) expect(compiles(never, document, text)).toBe(false);
    expect(never.size).toBe(0);
  });

  it('spends no more than its budget compiling, carrying an overspend into the next seconds', () => {
    let now = 10_000;
    // Every reading of this clock is 30 ms later: a compilation "takes" 30 ms.
    const clock = () => (now += 30);
    const documents = new CompiledDocuments(schema, { after: 1, budgetMsPerSecond: 50, clock });
    const texts = ['{ echo }', '{ item(id: "1") { id } }', '{ node(id: "1") { id } }'];
    const [one, two, three] = texts.map((q) => parse(q));
    expect(compiles(documents, one!, texts[0]!)).toBe(true);
    expect(compiles(documents, two!, texts[1]!)).toBe(true);
    // 60 ms spent of 50 (and a few refilled): the third waits.
    expect(compiles(documents, three!, texts[2]!)).toBe(false);
    now += 1000;
    expect(compiles(documents, three!, texts[2]!)).toBe(true);
    const none = new CompiledDocuments(schema, { after: 1, budgetMsPerSecond: 0 });
    expect(compiles(none, one!, texts[0]!)).toBe(false);
  });

  it('counts the field instances graphql-jit would compile, once per possible type, and leaves a query past the bound to graphql-js', () => {
    const api = buildASTSchema(typeDefs);
    const implementations = api.getPossibleTypes(assertAbstractType(api.getType('Node'))).length;
    expect(implementations).toBeGreaterThan(10);
    const count = (query: string, limit = 1e9) => {
      const document = parse(query);
      return compiledFields(api, document, operationOf(document), limit);
    };
    // Each selection counts once as visited and once as a field instance: `node`, then its `id` under every
    // implementation of Node.
    expect(count('{ node(id: "x") { id } }')).toBe(2 + 2 * implementations);
    // An inline fragment is visited under every type, its fields count under its own type only.
    expect(count('{ node(id: "x") { ... on Meeting { date { text } } } }')).toBe(2 + implementations + 2 + 2);
    // A fragment on Node: the spread and its two fields under every type.
    expect(count('{ node(id: "x") { ...F } } fragment F on Node { id name }')).toBe(2 + (1 + 2 + 2) * implementations);
    // Nested Node selections multiply: past the bound, the walk stops (and returns a count over it).
    const nested = '{ node(id: "x") { relations(first: 1) { to { relations(first: 1) { to { relations(first: 1) { to { id } } } } } } } }';
    expect(count(nested, MAX_COMPILED_FIELDS)).toBeGreaterThan(MAX_COMPILED_FIELDS);
    const documents = new CompiledDocuments(api, EAGER);
    expect(compiles(documents, parse(nested), nested)).toBe(false);
  });

  it('stops counting a chain of fragments that each spread the next twice, and leaves it to graphql-js', () => {
    const api = buildASTSchema(typeDefs);
    // 2^40 visits if walked: the count stops at the bound (a test that hangs here has lost the bound).
    const text = `query { node(id: "x") { ...F40 } } fragment F0 on Node { id } ` + Array.from({ length: 40 }, (_, i) => `fragment F${i + 1} on Node { ...F${i} ...F${i} }`).join(' ');
    const document = parse(text);
    expect(compiledFields(api, document, operationOf(document), MAX_COMPILED_FIELDS)).toBeGreaterThan(MAX_COMPILED_FIELDS);
    expect(compiles(new CompiledDocuments(api, EAGER), document, text)).toBe(false);
  });

  it('compiles only the text Apollo parsed, and keeps refusals out of the compiled queries', () => {
    const documents = new CompiledDocuments(schema, { ...EAGER, capacity: 1 });
    const text = '{ echo }';
    const document = parse(text);
    // Another text than the document's: never compiled.
    expect(compiles(documents, document, '{ echo(text: "other") }')).toBe(false);
    expect(compiles(documents, document, text)).toBe(false);
    const kept = parse('{ item(id: "1") { id } }');
    const compiled = documents.get(kept, operationOf(kept), '{ item(id: "1") { id } }');
    expect(compiled).not.toBe('interpreted');
    // A refused query (a mutation) takes no place among the compiled ones.
    const mutation = parse('mutation { echo(text: "x") }');
    expect(compiles(documents, mutation, 'mutation { echo(text: "x") }')).toBe(false);
    expect(documents.size).toBe(1);
    expect(documents.get(kept, operationOf(kept), '{ item(id: "1") { id } }')).toBe(compiled);
  });

  it('answers @skip/@include on fragments spread in two places as graphql-js does', async () => {
    // graphql-jit's issue 166: with its default, `name` follows one spread's condition in both places.
    const query = `query Q($yes: Boolean!) {
      a: item(id: "1") { id ...F @skip(if: $yes) }
      b: item(id: "2") { id ...F @include(if: $yes) }
      c: item(id: "3") @include(if: $yes) { ...G }
      d: item(id: "4") @skip(if: $yes) { ...G id }
    }
    fragment F on Item { name }
    fragment G on Item { ... on Item { name tags @include(if: $yes) } }`;
    const documents = new CompiledDocuments(schema, EAGER);
    for (const yes of [true, false, true]) {
      const compiled = await run(documents, query, { yes });
      expect(compiled).toEqual(await execute({ schema, document: parse(query), variableValues: { yes } }));
    }
  });
});
