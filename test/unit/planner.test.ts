/**
 * The planner's compiled text for a selection (no database): one statement per root field, only the
 * selected properties, one subquery per relation field, aliases/fragments/@skip/@include honoured,
 * absent filters compiled out, and the same text (the same cached object) for a repeated operation.
 */
import { buildASTSchema, execute, parse, type GraphQLResolveInfo } from 'graphql';
import { describe, expect, it } from 'vitest';
import { typeDefs } from '../../src/graphql/schema.js';
import { compiledStatement, type CompiledStatement, type RootArgs, type RootField } from '../../src/planner/planner.js';

const schema = buildASTSchema(typeDefs);

/** Compiles the first root field of `query` as `root` would (info captured from a real graphql execution). */
function compileOf(query: string | ReturnType<typeof parse>, root: RootField, variables: Record<string, unknown> = {}, args: RootArgs = {}): CompiledStatement {
  let compiled: CompiledStatement | undefined;
  const capture = (_args: unknown, _ctx: unknown, info: GraphQLResolveInfo) => {
    compiled ??= compiledStatement(info, root, args);
    return null;
  };
  const result = execute({ schema, document: typeof query === 'string' ? parse(query) : query, variableValues: variables, rootValue: { node: capture, lookup: capture, entities: capture } });
  void result;
  if (!compiled) throw new Error('root field not reached');
  return compiled;
}

describe('planner', () => {
  it('projects only the selected properties, with id and kind for type resolution', () => {
    const { text } = compileOf('{ node(id: "x") { name ... on Meeting { date { text } } } }', 'node');
    expect(text).toContain('n {.`date_end`, .`date_precision`, .`date_qualifier`, .`date_start`, .`date_text`, .`id`, .`kind`, .`name`}');
    expect(text).not.toContain('{.*}');
  });

  it('compiles each typed relation field into its own COLLECT subquery under its response key, guarded by its type condition', () => {
    const { text } = compileOf('{ node(id: "x") { ... on Meeting { a: instruments { instrument { name } } b: place { name } } } }', 'node');
    expect(text.match(/COLLECT \{/g)).toHaveLength(2);
    expect(text).toContain("`a`: CASE n.kind WHEN 'Meeting' THEN COLLECT { MATCH (n)<-[r0:SIGNED_AT|ADOPTED_AT]-(m1:Entity)");
    expect(text).toContain("`b`: CASE n.kind WHEN 'Meeting' THEN COLLECT { MATCH (n)-[");
    expect(text).toMatch(/LIMIT 2000 RETURN/);
  });

  it('follows named fragments and honours @skip/@include with the request variables', () => {
    const query = parse('query ($deep: Boolean!) { node(id: "x") { ...F } } fragment F on Node { id ... on Meeting { place @include(if: $deep) { name } resultedIn @skip(if: $deep) { name } } }');
    const deep = compileOf(query, 'node', { deep: true });
    const shallow = compileOf(query, 'node', { deep: false });
    expect(deep.text).toContain('`place`');
    expect(deep.text).not.toContain('`resultedIn`');
    expect(shallow.text).toContain('`resultedIn`');
    expect(shallow.text).not.toContain('`place`');
  });

  it('compiles absent filters out and uses the kind label', () => {
    const all = compileOf('{ entities { edges { node { id } } } }', 'entities', {}, { kind: null, nameContains: null, orderBy: 'NAME_ASC' });
    expect(all.text).toContain('MATCH (n:Entity) WITH n ORDER BY');
    expect(all.text).not.toMatch(/IS NULL OR|CONTAINS|count\(/);
    const meetings = compileOf('{ entities(kind: MEETING, nameContains: "x") { totalCount edges { node { id } } } }', 'entities', {}, { kind: 'Meeting', nameContains: 'x', orderBy: 'NAME_ASC' });
    expect(meetings.text).toContain('MATCH (n:Meeting) WHERE n.lookup CONTAINS $contains RETURN count(n) AS total');
  });

  it('passes relation arguments as parameters, and sends the same cached text for a repeated operation', () => {
    const query = parse('query ($t: [RelationType!]) { node(id: "x") { relations(types: $t, direction: OUTGOING, first: 3) { to { id } } } }');
    const first = compileOf(query, 'node', { t: ['PART_OF'] });
    const again = compileOf(query, 'node', { t: ['HELD_IN', 'SIGNED_AT'] });
    expect(again).toBe(first);
    expect(first.text).toContain('type(r0) IN $p0');
    expect(first.text).toContain('startNode(r0) = n');
    expect([...first.params.keys()]).toEqual(['p0', 'p1']);
    expect(first.params.get('p0')!({ t: ['HELD_IN'] })).toEqual(['HELD_IN']);
    const untyped = compileOf(query, 'node', { t: null });
    expect(untyped).not.toBe(first);
    expect(untyped.text).not.toContain('type(r0) IN');
  });
});
