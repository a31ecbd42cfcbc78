/**
 * The planner's compiled text for a selection (no database): one statement per root field, only the
 * selected properties, one subquery per relation field, aliases/fragments/@skip/@include honoured,
 * absent filters compiled out, and the same text (the same cached object) for a repeated operation.
 */
import { buildASTSchema, execute, parse, type GraphQLResolveInfo } from 'graphql';
import { describe, expect, it } from 'vitest';
import { typeDefs } from '../../src/graphql/schema.js';
import { compiledStatement, RELATIONS_FETCHED_PER_FIELD, RELATIONS_PER_FIELD, type CompiledStatement, type RootArgs, type RootField } from '../../src/planner/planner.js';

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
    const { text, decode } = compileOf('{ node(id: "x") { name ... on Meeting { date { text } } } }', 'node');
    expect(text).toContain('[n.`date_end`, n.`date_precision`, n.`date_qualifier`, n.`date_start`, n.`date_text`, n.`id`, n.`kind`, n.`name`]');
    expect(text).not.toContain('{.*}');
    // A list of values travels, never a map (no key strings packed and decoded per row); the decoder names them.
    expect(text).not.toMatch(/\w \{\./);
    expect(decode(['2007', 'YEAR', null, '2007', '2007', 'meeting:imm-2', 'Meeting', 'IMM 2'])).toEqual({
      date_end: '2007', date_precision: 'YEAR', date_qualifier: null, date_start: '2007', date_text: '2007', id: 'meeting:imm-2', kind: 'Meeting', name: 'IMM 2',
    });
  });

  it('gives an entity inside a compiled list only what its selection reads (kind where its type is abstract), in the list order the statement sets', () => {
    const { text } = compileOf('{ node(id: "x") { ... on Meeting { instruments { instrument { name } articles { name } } resultedIn { id name } } } }', 'node');
    // The root keeps id and kind (type resolution, loader fallbacks); items carry their selection only.
    expect(text).toMatch(/^MATCH \(n:Entity \{id: \$id\}\) RETURN \[n\.`id`, n\.`kind`,/);
    // The row's end is projected in place, and a row whose selection reads no relation property carries none.
    expect(text).toMatch(/RETURN \[\[m\d+\.`name`\], COLLECT \{/);
    expect(text).not.toContain('props');
    expect(text).toMatch(/RETURN \[m\d+\.`name`\] \}/);
    expect(text).toMatch(/RETURN \[m\d+\.`id`, m\d+\.`name`\] \}/);
    // No sort keys travel: the ORDER BY of each list is its order.
    expect(text).not.toContain('__sort');
    expect(text).toMatch(/ORDER BY pos\d+, toLower\(m\d+\.name\), m\d+\.id LIMIT/);
    expect(text).toMatch(/ORDER BY toLower\(m\d+\.name\), m\d+\.id LIMIT/);
    // An item of an abstract type keeps its kind for the type resolver.
    const generic = compileOf('{ node(id: "x") { ... on Meeting { relations(first: 3) { to { name } } } } }', 'node');
    expect(generic.text).toMatch(/\[e\d+ IN \[endNode\(r\d+\)\] \| \[e\d+\.`kind`, e\d+\.`name`\]\]\[0\]/);
  });

  it('decodes the lists it projects into the rows the resolvers read, by response key and type condition', () => {
    const { decode } = compileOf('{ node(id: "x") { ... on Meeting { instruments { instrument { name } articles { name } } resultedIn { id name } } } }', 'node');
    const planned = [[[['SPA II'], [['Article 1'], ['Article 2']]]], [['meeting:imm-3', 'IMM 3']]];
    expect(decode(['meeting:imm-2', 'Meeting', ...planned])).toEqual({
      id: 'meeting:imm-2',
      kind: 'Meeting',
      __planned: {
        instruments: [{ __planned: { instrument: { name: 'SPA II' }, articles: [{ name: 'Article 1' }, { name: 'Article 2' }] } }],
        resultedIn: [{ id: 'meeting:imm-3', name: 'IMM 3' }],
      },
    });
    // Another type's entity: the fields under `... on Meeting` are null (the resolvers fall back to the loaders).
    expect(decode(['place:bangkok', 'Place', null, null])).toEqual({ id: 'place:bangkok', kind: 'Place', __planned: { instruments: null, resultedIn: null } });
    // An entity a module's statement did not find (OPTIONAL MATCH) projects nulls: no row.
    expect(decode([null, null, null, null])).toBeNull();
    // Response keys are a client's words: an alias `__proto__` is a key like any other, not a prototype.
    const proto = compileOf('{ node(id: "x") { ... on Meeting { __proto__: resultedIn { name } } } }', 'node').decode(['x', 'Meeting', [['IMM 3']]]) as { __planned: Record<string, unknown> };
    expect(Object.hasOwn(proto.__planned, '__proto__')).toBe(true);
    expect(proto.__planned['__proto__']).toEqual([{ name: 'IMM 3' }]);
    // Relation rows: their id, type, properties (a map: any property) and sort key when read, by name.
    const rows = compileOf('{ node(id: "x") { ... on Meeting { relations(first: 3) { id type quotes to { name } } } } }', 'node');
    const row = ['rel:1', 'HELD_IN', { id: 'rel:1', quotes: ['q'] }, ['HELD_IN', 'Bangkok'], ['Place', 'Bangkok']];
    expect(rows.decode(['meeting:imm-2', 'Meeting', [row]])).toEqual({
      id: 'meeting:imm-2',
      kind: 'Meeting',
      __planned: { relations: [{ id: 'rel:1', type: 'HELD_IN', props: { id: 'rel:1', quotes: ['q'] }, __sort: ['HELD_IN', 'Bangkok'], __planned: { to: { kind: 'Place', name: 'Bangkok' } } }] },
    });
  });

  it('compiles each typed relation field into its own COLLECT subquery under its response key, guarded by its type condition', () => {
    const { text, decode } = compileOf('{ node(id: "x") { ... on Meeting { a: instruments { instrument { name } } b: place { name } } } }', 'node');
    expect(text.match(/COLLECT \{/g)).toHaveLength(2);
    expect(text).toContain("CASE n.kind WHEN 'Meeting' THEN COLLECT { MATCH (n)<-[r0:SIGNED_AT|ADOPTED_AT]-(m1:Entity)");
    expect(text).toContain("CASE n.kind WHEN 'Meeting' THEN COLLECT { MATCH (n)-[r3:HELD_IN]->");
    expect(decode(['x', 'Meeting', [[['SPA II']]], [['Bangkok']]])).toEqual({ id: 'x', kind: 'Meeting', __planned: { a: [{ __planned: { instrument: { name: 'SPA II' } } }], b: [{ name: 'Bangkok' }] } });
    expect(text).toContain(`LIMIT ${RELATIONS_FETCHED_PER_FIELD} RETURN`);
    expect(RELATIONS_FETCHED_PER_FIELD).toBe(RELATIONS_PER_FIELD + 1);
  });

  it('follows named fragments and honours @skip/@include with the request variables', () => {
    const query = parse('query ($deep: Boolean!) { node(id: "x") { ...F } } fragment F on Node { id ... on Meeting { place @include(if: $deep) { name } resultedIn @skip(if: $deep) { name } } }');
    const deep = compileOf(query, 'node', { deep: true });
    const shallow = compileOf(query, 'node', { deep: false });
    expect(deep.text).toContain(':HELD_IN]');
    expect(deep.text).not.toContain(':RESULTED_IN]');
    expect(shallow.text).toContain(':RESULTED_IN]');
    expect(shallow.text).not.toContain(':HELD_IN]');
    expect(Object.keys((deep.decode(['x', 'Meeting', []]) as { __planned: object }).__planned)).toEqual(['place']);
    expect(Object.keys((shallow.decode(['x', 'Meeting', []]) as { __planned: object }).__planned)).toEqual(['resultedIn']);
  });

  it('compiles absent filters out and uses the kind label', () => {
    const all = compileOf('{ entities { edges { node { id } } } }', 'entities', {}, { kind: null, nameContains: null, orderBy: 'NAME_ASC' });
    expect(all.text).toContain('MATCH (n:Entity) WHERE n.sortKey IS NOT NULL WITH n ORDER BY n.sortKey, n.id LIMIT $limit');
    expect(all.text).not.toMatch(/IS NULL OR|CONTAINS|count\(|\$after|EXISTS|_start|_end|instrumentType|meetingType/);
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

  describe('entities', () => {
    const page = '{ entities { edges { node { id } } } }';

    it('compiles each filter present, and only those, each reading its own parameter', () => {
      const filtered = compileOf(page, 'entities', {}, {
        kind: 'Instrument',
        orderBy: 'NAME_ASC',
        filters: { from: true, to: true, country: true, related: { type: 'SIGNED_BY', direction: 'OUTGOING' }, instrumentType: true },
      });
      expect(filtered.text).toContain('MATCH (n:Instrument) WHERE n.sortKey IS NOT NULL AND n.instrumentType = $instrumentType');
      // One overlap test per date field of the kind: ends on or after $from, starts on or before $to.
      expect(filtered.text).toContain('((n.adopted_end >= $from AND n.adopted_start <= $to) OR (n.drafted_end >= $from AND n.drafted_start <= $to) OR (n.ends_end >= $from AND n.ends_start <= $to) OR (n.period_end >= $from AND n.period_start <= $to) OR (n.signed_end >= $from AND n.signed_start <= $to))');
      expect(filtered.text).toContain('(:Country {id: $country})');
      expect(filtered.text).toContain('EXISTS { MATCH (n)-[x:SIGNED_BY]->(:Entity {id: $related}) WHERE x.retired IS NULL }');
      expect(filtered.text).toContain('EXISTS { MATCH (:Country {id: $country}) } AS countryKnown');
      expect(filtered.text).toContain('EXISTS { MATCH (:Entity {id: $related}) } AS relatedKnown');
      expect(filtered.text).not.toMatch(/IS NULL OR|meetingType|date_start/);

      const fromOnly = compileOf(page, 'entities', {}, { kind: 'Meeting', filters: { from: true } });
      expect(fromOnly.text).toContain('((n.date_end >= $from))');
      expect(fromOnly.text).not.toMatch(/\$to|_start/);
      const anyRelation = compileOf(page, 'entities', {}, { filters: { related: { type: null, direction: 'BOTH' } } });
      expect(anyRelation.text).toContain('MATCH (n)-[x]-(:Entity {id: $related})');
    });

    it('reads the kind of a typed-field filter as its label', () => {
      expect(compileOf(page, 'entities', {}, { filters: { meetingType: true } }).text).toContain('MATCH (n:Meeting) WHERE');
      expect(compileOf(page, 'entities', {}, { filters: { instrumentType: true } }).text).toContain('MATCH (n:Instrument) WHERE');
    });

    it('sorts on the indexed sort key and id, and resumes after a keyset cursor', () => {
      const next = compileOf(page, 'entities', {}, { kind: 'Meeting', orderBy: 'NAME_ASC', after: true });
      expect(next.text).toContain('WHERE n.sortKey >= $after[0] AND ((n.sortKey > $after[0]) OR (n.sortKey = $after[0] AND n.id > $after[1])) WITH n ORDER BY n.sortKey, n.id LIMIT $limit');
      const desc = compileOf(page, 'entities', {}, { orderBy: 'NAME_DESC', after: true });
      expect(desc.text).toContain('n.sortKey <= $after[0] AND ((n.sortKey < $after[0]) OR (n.sortKey = $after[0] AND n.id > $after[1])) WITH n ORDER BY n.sortKey DESC, n.id');
      const byId = compileOf(page, 'entities', {}, { orderBy: 'ID' });
      expect(byId.text).toContain('WHERE n.id IS NOT NULL WITH n ORDER BY n.id LIMIT');
      const byDate = compileOf('{ entities { edges { cursor node { id } } } }', 'entities', {}, { orderBy: 'DATE' });
      expect(byDate.text).toMatch(/ORDER BY reduce\(d = .*, n\.sortKey, n\.id LIMIT/);
      expect(byDate.text).toContain('n.`kind`, [reduce(');
      expect(byDate.decode(['i', 'Meeting', ['2007-12-01', 'imm 2', 'i']])).toEqual({ id: 'i', kind: 'Meeting', __key: ['2007-12-01', 'imm 2', 'i'] });
      // The key values travel only for a cursor: selected on an edge, or through pageInfo.
      expect(compileOf('{ entities { pageInfo { endCursor } } }', 'entities', {}, { orderBy: 'NAME_ASC' }).text).toContain('n.`kind`, [n.sortKey, n.id]]');
      expect(compileOf(page, 'entities', {}, { orderBy: 'NAME_ASC' }).text).not.toContain('[n.sortKey, n.id]');
    });

    it('counts only when totalCount is selected, from the count store when only a kind is filtered', () => {
      const counted = compileOf('{ entities(kind: INSTRUMENT) { totalCount edges { node { id } } } }', 'entities', {}, { kind: 'Instrument' });
      expect(counted.text).toContain('CALL () { MATCH (n:Instrument) RETURN count(n) AS total }');
      const uncounted = compileOf(page, 'entities', {}, { kind: 'Instrument' });
      expect(uncounted.text).not.toContain('count(');
      const aliased = compileOf('{ entities { ... on NodeConnection { n: totalCount } } }', 'entities', {}, { filters: { from: true } });
      expect(aliased.text).toMatch(/CALL \(\) \{ MATCH \(n:Entity\) WHERE \(.*\) RETURN count\(n\) AS total \}/);
    });
  });
});
