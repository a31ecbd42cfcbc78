/** Statement compilation and row mapping of the researcher-facing modules, without a database. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildASTSchema, parse, type FragmentDefinitionNode, type OperationDefinitionNode, type FieldNode } from 'graphql';
import { typeDefs } from '../../src/graphql/schema.js';
import { withoutCommentLines } from '../../src/db/executor.js';
import { compileTemplate, flagsOn, statementTexts } from '../../src/db/template.js';
import { pageOf, pageRequest, selectsField } from '../../src/graphql/pagination.js';
import { adoptionRowOf, adoptionsText, distinctProvenance } from '../../src/modules/adoption/adoption.repository.js';
import { lineageOf, lineageText } from '../../src/modules/lineage/lineage.repository.js';
import { neighbourhoodOf, neighbourhoodText } from '../../src/modules/neighbourhood/neighbourhood.repository.js';
import { connectionText, pathsOf } from '../../src/modules/path/path.repository.js';
import { searchText } from '../../src/modules/search/search.repository.js';
import type { EntityRow } from '../../src/modules/entity/entity.mappers.js';
import { unknownIdError } from '../../src/modules/suggestion/not-found.js';
import { suggestionKeys, suggestText } from '../../src/modules/suggestion/suggestion.repository.js';
import type { NodeKind } from '../../src/model/model.js';
import { timelineEventOf, timelineText } from '../../src/modules/timeline/timeline.repository.js';

const entity = (id: string, props: Record<string, unknown> = {}): EntityRow => ({ id, kind: 'Instrument' as const, name: id, aliases: [], description: null, sourceIds: [], quotes: [], ...props });

describe('statement templates', () => {
  it('builds each text once per key and names only the flags that are on', () => {
    const texts = statementTexts();
    let builds = 0;
    const build = () => `MATCH (n) RETURN ${++builds}`;
    expect(texts('a', build)).toBe('MATCH (n) RETURN 1');
    expect(texts('a', build)).toBe('MATCH (n) RETURN 1');
    expect(texts('b', build)).toBe('MATCH (n) RETURN 2');
    expect([...flagsOn({ TOTAL: true, NO_TOTAL: false, KINDS: undefined, STATED: true })]).toEqual(['TOTAL', 'STATED']);
  });

  it('keeps a flagged line only when its flag is on, expands sections, and fills inline markers', () => {
    const template = 'CALL () {\n  /*ROWS*/\n}\nRETURN 1\n// @ROWS\n  MATCH (n)-[r]->(m)\n  WHERE true /*STATED r*/\n    /*KIND*/ AND n.kind = $kind\n';
    expect(compileTemplate(template, new Set())).toBe('CALL () {\n  MATCH (n)-[r]->(m)\n  WHERE true\n}\nRETURN 1');
    expect(compileTemplate(template, new Set(['KIND', 'STATED']), { STATED: (v) => `AND ${v}.ok` })).toBe('CALL () {\n  MATCH (n)-[r]->(m)\n  WHERE true AND r.ok\n    AND n.kind = $kind\n}\nRETURN 1');
    // A section behind a flag: expanded when the flag is on, gone when it is off.
    const counted = 'CALL () {\n/*TOTAL*/  /*ROWS*/\n/*TOTAL*/  RETURN count(*) AS total\n/*NO_TOTAL*/  RETURN null AS total\n}\n// @ROWS\n  MATCH (n)\n';
    expect(compileTemplate(counted, new Set(['TOTAL']))).toBe('CALL () {\n  MATCH (n)\n RETURN count(*) AS total\n}');
    expect(compileTemplate(counted, new Set(['NO_TOTAL']))).toBe('CALL () {\n RETURN null AS total\n}');
    // A line behind two flags is kept only when both are on.
    const branch = 'MATCH (n)\n/*NO_MEETING*/ UNION ALL\n/*NO_MEETING*/   /*INSTRUMENT*/ AND n.id = $instrument\n';
    expect(compileTemplate(branch, new Set(['NO_MEETING']))).toBe('MATCH (n)\nUNION ALL');
    expect(compileTemplate(branch, new Set(['NO_MEETING', 'INSTRUMENT']))).toBe('MATCH (n)\nUNION ALL\n  AND n.id = $instrument');
    expect(compileTemplate(branch, new Set(['INSTRUMENT']))).toBe('MATCH (n)');
    // With every flag of the statement known (flagsOn), a replacement marker starting a line is refused, not
    // read as a flag that is off (its line dropped); flags and sections still work.
    const listed = 'RETURN [\n  n.id,\n  /*NODE*/, /*PLACE*/\n]';
    expect(() => compileTemplate(listed, flagsOn({ KINDS: true }))).toThrow(/NODE.*no flag of this statement \(KINDS\)/);
    expect(compileTemplate(branch, flagsOn({ NO_MEETING: true, INSTRUMENT: false }))).toBe('MATCH (n)\nUNION ALL');
    expect(compileTemplate(counted, flagsOn({ TOTAL: true, NO_TOTAL: false }))).toBe('CALL () {\n  MATCH (n)\n RETURN count(*) AS total\n}');
    // With a meeting filter the adoption rows have no branch for instruments signed at no meeting.
    const rows = { meeting: true, instrument: true, article: false, relations: false, statedOnly: false };
    expect(adoptionsText(rows)).not.toContain('UNION');
    expect(adoptionsText({ ...rows, meeting: false })).toContain('UNION ALL');
  });

  it('sends statements without their comment lines (template sections stay), and adoption rows carry sources and dates only when selected', () => {
    expect(withoutCommentLines('// doc\nMATCH (n) // a trailing note stays\n  // indented\nRETURN n\n// @ROWS\n  MATCH (m)')).toBe('MATCH (n) // a trailing note stays\nRETURN n\n// @ROWS\n  MATCH (m)');
    const filters = { meeting: true, instrument: false, article: false, relations: false, statedOnly: false };
    expect(adoptionsText(filters).split('\n').filter((line) => line.trim().startsWith('//'))).toEqual([]);
    expect(adoptionsText(filters)).toContain('x.quotes');
    expect(adoptionsText({ ...filters, sources: false })).not.toContain('x.quotes');
    expect(adoptionsText({ ...filters, sources: false })).toMatch(/\[\], \[\]\n {2}\]\) AS rows/);
    // Date fields only when `date` is selected; the instrument's only for a row with no meeting.
    expect(adoptionsText(filters)).toContain('CASE WHEN m IS NULL THEN i {');
    expect(adoptionsText({ ...filters, dates: false })).toContain('null, null,');
    expect(adoptionsText({ ...filters, dates: false })).not.toContain('m {.date_start');
  });

  /** The statement without its comment lines (which name every parameter). */
  const code = (text: string) => text.split('\n').filter((line) => !line.trim().startsWith('//')).join('\n');
  const statements = () => [
    adoptionsText({ meeting: false, instrument: false, article: false, relations: false, statedOnly: false }),
    timelineText({ countries: false, kinds: false, from: false, to: false, statedOnly: false }),
    lineageText('BOTH', 5),
    connectionText(false, 6),
    neighbourhoodText(3, null, false),
    searchText(false),
  ].map(code);

  it('compiles absent filters out: no parameter guard, no basis predicate', () => {
    for (const text of statements()) {
      expect(text).not.toMatch(/\$\w+ IS NULL OR/);
      expect(text).not.toContain('.basis');
      expect(text).not.toMatch(/\/\*[A-Z_]+( \w+)?\*\//);
    }
    const adoptions = statements()[0]!;
    for (const parameter of ['$meeting', '$instrument', '$article', '$relations']) expect(adoptions).not.toContain(parameter);
    const timeline = statements()[1]!;
    for (const parameter of ['$kinds', '$from', '$to', 'c.id IN $countries']) expect(timeline).not.toContain(parameter);
    // A neighbourhood plans only the hops it walks.
    const expansions = (hops: number) => code(neighbourhoodText(hops, null, false)).match(/\) AS hop\n/g)?.length;
    expect([1, 2, 3].map(expansions)).toEqual([1, 2, 3]);
  });

  it('reads a search hit\'s passage fields only when the selection asks for its field or passage', () => {
    expect(code(searchText(false, false, { node: '[node.id, node.kind]', passage: false }))).toContain('collect([[node.id, node.kind], null, score, exact])');
    expect(code(searchText(false, false, { node: '[node.id, node.kind]', passage: false }))).not.toContain('.quotes');
    expect(code(searchText(false, false, { node: '[node.id, node.kind]', passage: true }))).toContain('collect([[node.id, node.kind], node {.name, .aliases, .description, .text, .quotes}, score, exact])');
  });

  it('compiles a stated-only filter into the patterns of every query that takes it', () => {
    const stated = [
      adoptionsText({ meeting: true, instrument: false, article: true, relations: false, statedOnly: true }),
      timelineText({ countries: true, kinds: false, from: false, to: false, statedOnly: true }),
      lineageText('ANCESTORS', 3, true),
      connectionText(true, 4, true),
      neighbourhoodText(2, ['FULFILLED_BY'], true, true),
    ];
    for (const text of stated) expect(text).toMatch(/coalesce\(\w+\.basis, 'STATED'\) <> 'INFERRED'/);
    expect(stated[0]).toContain('m.id = $meeting');
    expect(stated[0]).toContain('a.id = $article');
    expect(stated[1]).toContain("NOT f IN coalesce(n.inferredProperties, [])");
    // Every relation the timeline's country filter walks is checked.
    for (const v of ['s', 'd', 'a', 'h', 'l']) expect(stated[1]).toContain(`coalesce(${v}.basis, 'STATED')`);
  });

  it('pages adoptions, timeline and search with SKIP/LIMIT instead of slicing a collected list, counting only when asked', () => {
    for (const text of [statements()[0]!, statements()[1]!, statements()[5]!]) {
      expect(text).toContain('SKIP $skip LIMIT $limit');
      expect(text).not.toContain('[$skip..');
      expect(text).toContain('RETURN null AS total');
      expect(text).not.toContain('count(*)');
    }
    const counted = [
      adoptionsText({ meeting: false, instrument: false, article: false, relations: false, statedOnly: false, total: true }),
      timelineText({ countries: false, kinds: false, from: false, to: false, statedOnly: false, total: true }),
      searchText(false, true),
    ].map(code);
    for (const text of counted) {
      // The rows are counted over the same section the page reads: expanded twice, no marker left.
      expect(text).not.toMatch(/\/\*[A-Z_]+( \w+)?\*\//);
      expect(text.slice(0, text.indexOf('count(*)'))).toMatch(/\bMATCH\b/);
      expect(text).toMatch(/count\(\*\) AS (total|hits\n.*AS total)\n/);
      expect(text).not.toContain('null AS total');
    }
  });
});

describe('page requests', () => {
  const schema = buildASTSchema(typeDefs);
  const infoOf = (query: string) => {
    const doc = parse(query);
    const operation = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
    const fragments = Object.fromEntries(doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition').map((f) => [f.name.value, f]));
    const fieldNodes = [operation.selectionSet.selections[0] as FieldNode];
    return { fieldNodes, fragments, schema, variableValues: {}, returnType: schema.getQueryType()!.getFields()[fieldNodes[0]!.name.value]!.type };
  };

  it('counts the total only when totalCount is selected, directly or through fragments', () => {
    expect(selectsField(infoOf('{ timeline { edges { node { id } } } }'), 'totalCount')).toBe(false);
    expect(selectsField(infoOf('{ timeline { edges { node { totalCount } } } }'), 'totalCount')).toBe(false);
    expect(selectsField(infoOf('{ timeline { totalCount } }'), 'totalCount')).toBe(true);
    expect(selectsField(infoOf('{ timeline { ... on TimelineConnection { totalCount } } }'), 'totalCount')).toBe(true);
    expect(selectsField(infoOf('{ timeline { ...T } } fragment T on TimelineConnection { ...U } fragment U on TimelineConnection { totalCount }'), 'totalCount')).toBe(true);
    expect(selectsField(infoOf('{ timeline { totalCount @skip(if: true) edges { cursor } } }'), 'totalCount')).toBe(false);
    expect(pageRequest({ first: 5 }, infoOf('{ timeline { edges { cursor } } }'))).toEqual({ skip: 0, limit: 5, fetch: 6, total: false });
    expect(pageRequest({ first: 5 }, infoOf('{ timeline { totalCount } }'))).toEqual({ skip: 0, limit: 5, fetch: 5, total: true });
  });

  it('tells a next page from the extra row when the total is not counted', () => {
    const request = { skip: 10, limit: 2, fetch: 3, total: false };
    expect(pageOf(['a', 'b', 'c'], request, null)).toMatchObject({ edges: [{ node: 'a' }, { node: 'b' }], pageInfo: { hasNextPage: true, hasPreviousPage: true } });
    expect(pageOf(['a', 'b'], request, null).pageInfo.hasNextPage).toBe(false);
    expect(pageOf(['a', 'b'], { ...request, fetch: 2, total: true }, 30)).toMatchObject({ totalCount: 30, pageInfo: { hasNextPage: true } });
  });
});

describe('row mapping', () => {
  it('gives a row with no meeting the instrument\'s own adoption date, and each passage once', () => {
    // The entity rows are what the selection projected (here only ids); the dates come with every row.
    const instrument = entity('instrument:spa-1');
    const adopted = { adopted_start: '2005-01-01', adopted_end: '2005-12-31', adopted_text: '2005', adopted_precision: 'YEAR' };
    const row = adoptionRowOf({ meetingId: null, instrumentId: 'instrument:spa-1', relation: 'ADOPTED_BY', articleId: null, sourceIds: ['s', 's', 's'], quotes: ['q1', 'q1', 'q2'], meeting: null, instrument, article: null, meetingDate: null, instrumentDates: adopted });
    expect(row).toEqual({
      meetingId: null,
      instrumentId: 'instrument:spa-1',
      relation: 'ADOPTED_BY',
      articleId: null,
      date: { text: '2005', start: '2005-01-01', end: '2005-12-31', precision: 'YEAR', qualifier: null },
      provenance: [{ sourceId: 's', quote: 'q1' }, { sourceId: 's', quote: 'q2' }],
      meetingNode: null,
      instrumentNode: instrument,
      articleNode: null,
    });
    const meeting = entity('meeting:imm-2');
    const held = { date_start: '2007-12-01', date_end: '2007-12-31', date_text: 'December 2007', date_precision: 'MONTH' };
    expect(adoptionRowOf({ meetingId: 'meeting:imm-2', instrumentId: 'i', relation: 'ADOPTED_AT', articleId: null, sourceIds: [], quotes: [], meeting, instrument, article: null, meetingDate: held, instrumentDates: adopted }).date?.text).toBe('December 2007');
    expect(distinctProvenance([{ sourceId: 'a', quote: 'x' }, { sourceId: 'b', quote: 'x' }])).toHaveLength(2);
  });

  it('maps lineage steps to relation rows, the root first among the ids, and null for no root', () => {
    expect(lineageOf('x', { root: null, steps: [], nodes: [] })).toBeNull();
    const read = lineageOf('b', { root: entity('b'), steps: [[1, 'ANCESTORS', 'SUCCEEDS', 'b', 'a', { id: 'rel:1', basis: 'STATED' }]], nodes: [entity('a')] });
    expect(read!.steps).toEqual([
      { depth: 1, direction: 'ANCESTORS', relation: { id: 'rel:1', type: 'SUCCEEDS', from: 'b', to: 'a', props: { id: 'rel:1', basis: 'STATED' } }, fromNode: entity('b'), toNode: entity('a') },
    ]);
    expect(read!.root).toEqual(entity('b'));
    expect(read!.nodes.map((e) => e.id)).toEqual(['b', 'a']);
  });

  it('says which end of a path is missing, and walks each hop from one entity to the next', () => {
    expect(pathsOf({ fromFound: false, toFound: true, paths: [] })).toEqual({ missing: 'from' });
    expect(pathsOf({ fromFound: true, toFound: false, paths: [] })).toEqual({ missing: 'to' });
    const read = pathsOf({ fromFound: true, toFound: true, paths: [[[entity('a'), entity('b')], [['PART_OF', 'b', 'a', { id: 'rel:2' }]]]] });
    expect(read).toMatchObject({ missing: null, paths: [{ nodes: [entity('a'), entity('b')], hops: [{ from: entity('a'), to: entity('b'), relation: { id: 'rel:2', from: 'b', to: 'a' } }] }] });
  });

  it('maps the neighbourhood the statement cut: the centre first, each relation once, its direction from the row', () => {
    const hop = (id: string, other: string, outgoing = true) => [id, other, 'PART_OF', outgoing, outgoing ? `rel:${id}>${other}` : `rel:${other}>${id}`];
    const read = neighbourhoodOf('c', { center: entity('c'), nodes: [entity('a'), entity('b')], hops: [[hop('c', 'a'), hop('c', 'b', false)], [hop('a', 'c', false)]], truncated: true });
    expect(read).toMatchObject({ centerId: 'c', truncated: true });
    expect(read!.nodes.map((e) => e.id)).toEqual(['c', 'a', 'b']);
    // c>a is reached from c (hop 1) and again from a (hop 2): one relation.
    expect(read!.relations.map((r) => [r.id, r.from, r.to])).toEqual([['rel:c>a', 'c', 'a'], ['rel:b>c', 'b', 'c']]);
    expect(read!.relations[0]!.props).toEqual({ id: 'rel:c>a' });
    // A selection that reads relation properties gets them as the row's sixth element.
    const withProps = neighbourhoodOf('c', { center: entity('c'), nodes: [entity('a')], hops: [[[...hop('c', 'a'), { id: 'rel:c>a', basis: 'STATED' }]]], truncated: false });
    expect(withProps!.relations[0]!.props).toEqual({ id: 'rel:c>a', basis: 'STATED' });
    expect(neighbourhoodOf('c', { center: entity('c'), nodes: [], hops: [[]], truncated: false })!.truncated).toBe(false);
    expect(neighbourhoodOf('c', undefined)).toBeNull();
  });

  it('titles timeline events by what happened', () => {
    const subject = entity('m');
    const event = timelineEventOf({ id: 'm#date', kind: 'MEETING', subjectId: 'm', subjectName: 'IMM 2', date: { text: 'x', start: 'y', end: 'z', precision: 'YEAR', qualifier: null }, placeId: null, sourceIds: ['s'], quotes: ['q'], subjectNode: subject, placeNode: null });
    expect(event.title).toBe('IMM 2 held');
    expect(event.provenance).toEqual([{ sourceId: 's', quote: 'q' }]);
    expect(event.subjectNode).toBe(subject);
  });
});

describe('suggestions', () => {
  it('looks an unknown id up by its lookup forms, whole and after its prefix', () => {
    expect(suggestionKeys('spa-2')).toEqual({ tail: 'spa-2', keys: ['|spa 2|'] });
    expect(suggestionKeys('meeting:IMM 2')).toEqual({ tail: 'IMM 2', keys: ['|meeting imm 2|', '|imm 2|'] });
    expect(suggestText('Country')).toContain('MATCH (n:Country)');
    // A kind outside the type, as an untyped caller could pass one.
    expect(suggestText('Nonsense' as NodeKind)).toContain('MATCH (n:Entity)');
  });

  it('names the argument and the ids it may have meant, in the message and in extensions', () => {
    const error = unknownIdError({ argument: 'meeting', id: 'IMM 2', kind: 'Meeting' }, ['meeting:imm-2']);
    expect(error.message).toBe('Argument "meeting": no Meeting has the id "IMM 2". Did you mean "meeting:imm-2"?');
    expect(error.extensions).toEqual({ code: 'NOT_FOUND', argument: 'meeting', id: 'IMM 2', suggestions: ['meeting:imm-2'] });
  });
});

describe('resolvers call repositories only', () => {
  it('no resolver of these modules reads the executor', () => {
    for (const module of ['adoption', 'lineage', 'path', 'timeline', 'neighbourhood', 'search']) {
      const text = fs.readFileSync(path.join('src', 'modules', module, `${module}.resolvers.ts`), 'utf8');
      expect(text, module).not.toMatch(/executor/);
      expect(text, module).not.toMatch(/\.then\(\(\w+\) => \w+!\)/);
    }
  });
});
