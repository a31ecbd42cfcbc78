/** The public GraphQL contract against the curated graph: every example, errors, and the N+1 guard. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { execute, sharedApp, type Edges, type JsonObject, type Named, type Ref } from '../support/graph.js';

const suite = sharedApp();
const { executor } = suite;

const example = (name: string) => fs.readFileSync(path.join('examples', name), 'utf8');
const run = <TData = JsonObject>(query: string, variables?: Record<string, unknown>) => execute<TData>(suite.app.apollo, executor, query, variables);

type Step = { depth: number; from: Ref; relation: string; to: Ref; sources: unknown[] };
type DateValue = { text: string; start: string; end: string };

describe('examples/ against the curated graph', () => {
  it('1: entity by id and by alias', async () => {
    const { data, errors } = await run<{ node: { alternateTitles: { title: string }[]; areas: unknown[] }; lookup: unknown }>(example('1-entity.graphql'));
    expect(errors).toBeUndefined();
    expect(data!.node).toMatchObject({ id: 'instrument:spa-3', kind: 'INSTRUMENT', instrumentType: 'PLAN_OF_ACTION', period: { start: '2011-01-01', end: '2013-12-31', precision: 'YEAR' } });
    expect(data!.node.alternateTitles.map((t) => t.title)).toEqual(['COMMIT Third Sub-regional Plan of Action', 'third Strategic Plan of Action']);
    expect(data!.node.areas).toHaveLength(5);
    expect(data!.lookup).toEqual([{ id: 'country:viet-nam', kind: 'COUNTRY', name: 'Viet Nam', taskForce: { name: 'COMMIT Task Force (Viet Nam)' }, region: { name: 'Greater Mekong Sub-region' } }]);
  });

  it('2: relationships in both directions', async () => {
    const { data, errors } = await run<{
      meeting: { instruments: unknown };
      article: { mandatedInstruments: unknown; mandates: { mandateType: string }[] };
      country: { taskForce: { portfolios: Named[] } };
      secretariat: { holders: { sequence: number; organisation: { aliases: string[] }; current: boolean | null }[] };
    }>(example('2-relationships.graphql'));
    expect(errors).toBeUndefined();
    expect(data!.meeting.instruments).toEqual([{ relation: 'ADOPTED_AT', instrument: { name: 'Second Sub-regional Plan of Action' }, articles: [{ name: 'Article 31 of the COMMIT MoU', number: 31 }] }]);
    expect(data!.article.mandatedInstruments).toEqual([{ name: 'Second Sub-regional Plan of Action' }]);
    expect(data!.article.mandates.map((m) => m.mandateType).sort()).toEqual(['MEETING', 'PLAN', 'REVIEW']);
    expect(data!.country.taskForce.portfolios.map((p) => p.name).sort()).toEqual(['Justice', 'Police', 'Social welfare', 'Women’s affairs']);
    expect(data!.secretariat.holders.map((h) => [h.sequence, h.organisation.aliases[0], h.current])).toEqual([
      [1, 'UNIAP', null],
      [2, 'UN-ACT', null],
    ]);
  });

  it('2b: which meeting adopted which plan under which article', async () => {
    const { data } = await run<{ adoptions: { totalCount: number; edges: { node: unknown }[] } }>(example('3-adoptions.graphql'));
    expect(data!.adoptions.totalCount).toBe(1);
    expect(data!.adoptions.edges[0]!.node).toMatchObject({
      meeting: { name: 'Second Inter-Ministerial Meeting' },
      instrument: { name: 'Second Sub-regional Plan of Action' },
      relation: 'ADOPTED_AT',
      article: { name: 'Article 31 of the COMMIT MoU' },
      date: { text: 'December 2007', precision: 'MONTH' },
    });
    const byInstrument = await run<{ adoptions: { edges: unknown } }>('{ adoptions(instrument: "instrument:mou-2004") { edges { node { meeting { id } relation } } } }');
    expect(byInstrument.data!.adoptions.edges).toEqual([{ node: { meeting: { id: 'meeting:imm-1' }, relation: 'SIGNED_AT' } }]);
    const byMeeting = await run<{ adoptions: { edges: unknown } }>('{ adoptions(meeting: "meeting:imm-3", relations: [SIGNED_AT]) { edges { node { instrument { id } } } } }');
    expect(byMeeting.data!.adoptions.edges).toEqual([{ node: { instrument: { id: 'instrument:jd-2' } } }]);
    const all = await run<{ adoptions: Edges<{ meeting: Named | null; instrument: Named; article: Named | null }> }>(example('3-adoptions.graphql'), { article: null });
    // SPA I was adopted by the six governments in 2005 at no meeting the source names: its row has no meeting.
    expect(all.data!.adoptions.edges.map((e) => [e.node.meeting?.name ?? null, e.node.instrument.name, e.node.article?.name ?? null])).toEqual([
      ['First COMMIT Inter-Ministerial Meeting', 'COMMIT Memorandum of Understanding to combat human trafficking', null],
      [null, 'First Sub-regional Plan of Action', 'Article 28 of the COMMIT MoU'],
      ['Second Inter-Ministerial Meeting', 'Second Sub-regional Plan of Action', 'Article 31 of the COMMIT MoU'],
      ['Third Inter-Ministerial Meeting', 'Second Joint Declaration of COMMIT', null],
    ]);
  });

  it('3: lineage as ordered steps with sources, depth-limited and filterable', async () => {
    const { data } = await run<{ lineage: { steps: Step[] } }>(example('4-lineage.graphql'));
    const steps = data!.lineage.steps.map((s) => `${s.depth} ${s.from.id} ${s.relation} ${s.to.id}`);
    expect(steps).toContain('1 instrument:spa-3 SUCCEEDS instrument:spa-2');
    expect(steps).toContain('1 instrument:spa-3 BASED_ON instrument:mou-2004');
    expect(steps).toContain('2 instrument:spa-2 DEVELOPED_UNDER instrument:mou-2004/article-31');
    expect(steps).toContain('3 instrument:spa-1 DEVELOPED_UNDER instrument:mou-2004/article-28');
    expect(data!.lineage.steps.map((s) => s.depth)).toEqual([...data!.lineage.steps.map((s) => s.depth)].sort());
    expect(data!.lineage.steps.every((s) => s.sources.length > 0)).toBe(true);
    const onlySucceeds = await run<{ lineage: { steps: unknown } }>('{ lineage(id: "instrument:spa-3", direction: ANCESTORS, kinds: [SUCCEEDS], depth: 1) { steps { to { id } } } }');
    expect(onlySucceeds.data!.lineage.steps).toEqual([{ to: { id: 'instrument:spa-2' } }]);
    const areas = await run<{ lineage: { steps: unknown } }>('{ lineage(id: "area:spa-1/victim-identification", direction: DESCENDANTS) { steps { from { id } relation } } }');
    expect(areas.data!.lineage.steps).toEqual([{ from: { id: 'area:spa-2/victim-protection' }, relation: 'MERGES' }]);
  });

  it('4: shortest connection, each hop with relation, direction and source', async () => {
    const { data } = await run<{ connection: { hops: { from: Ref; direction: string; relation: { type: string }; to: Ref }[] }[] }>(example('5-connection.graphql'));
    expect(data!.connection).toHaveLength(1);
    const hops = data!.connection[0]!.hops.map((h) => `${h.from.id} ${h.direction} ${h.relation.type} ${h.to.id}`);
    expect(hops).toEqual(['instrument:mou-2004/article-31 BACKWARD DEVELOPED_UNDER instrument:spa-2', 'instrument:spa-2 FORWARD ADOPTED_AT meeting:imm-2']);
    const uniap = await run<{ connection: { length: number; nodes: Ref[] }[] }>('{ connection(from: "org:uniap", to: "instrument:spa-3", all: true, limit: 20) { length nodes { id } } }');
    expect(uniap.data!.connection.length).toBeGreaterThan(0);
    for (const p of uniap.data!.connection) {
      expect(p.nodes[0]!.id).toBe('org:uniap');
      expect(p.nodes.at(-1)!.id).toBe('instrument:spa-3');
      expect(p.length).toBe(uniap.data!.connection[0]!.length);
    }
  });

  it('5: timeline in order, with precision, filtered by country and date', async () => {
    const { data } = await run<{ timeline: Edges<{ kind: string; date: DateValue; place: Named | null }> }>(example('6-timeline.graphql'));
    const events = data!.timeline.edges.map((e) => e.node);
    expect(events.map((e) => `${e.kind} ${e.date.text}`)).toEqual([
      'PLAN_PERIOD 2008-2010',
      'ADOPTION mid-late 2010',
      'DRAFTING mid-late 2010',
      'PLAN_PERIOD 2011-2013',
      'SIGNING February, 2012',
      'MEETING February, 2012',
    ]);
    expect(events[1]!.date).toMatchObject({ precision: 'YEAR', qualifier: 'MID_LATE' });
    expect(events[4]!.place).toEqual({ name: 'Hanoi' });
    expect(events.some((e) => e.date.end < '2008-01-01')).toBe(false);
    const starts = events.map((e) => e.date.start);
    expect(starts).toEqual([...starts].sort());
    const all = await run<{ timeline: Edges<{ title: string; place: Named | null }> }>('{ timeline(kinds: [MEETING]) { edges { node { title date { precision } place { name } } } } }');
    expect(all.data!.timeline.edges.map((e) => [e.node.title, e.node.place?.name ?? null])).toEqual([
      ['First COMMIT Inter-Ministerial Meeting held', 'Yangon'],
      ['Second Inter-Ministerial Meeting held', null],
      ['Third Inter-Ministerial Meeting held', 'Hanoi'],
    ]);
  });

  it('6: ranked full-text search with the matched passage', async () => {
    const { data } = await run<{ search: Edges<{ node: Ref; passage: string; score: number }> }>(example('7-search.graphql'));
    const hits = data!.search.edges.map((e) => e.node);
    expect(hits[0]!.node.id).toBe('area:spa-2/criminal-justice');
    expect(hits[0]!.passage).toMatch(/criminal justice/i);
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
    const accents = await run<{ search: Edges<{ node: Ref }> }>('{ search(query: "VIET NAM") { edges { node { node { id } } } } }');
    expect(accents.data!.search.edges.map((e) => e.node.node.id)).toContain('country:viet-nam');
    const quote = await run<{ search: Edges<{ node: Ref }> }>('{ search(query: "exploitative brokering") { edges { node { field passage node { id } } } } }');
    expect(quote.data!.search.edges[0]!.node.node.id).toBe('area:spa-1/prevention');
  });

  it('7: neighbourhood bounded, with kinds and relation types', async () => {
    const { data } = await run<{ neighbourhood: { center: Ref; nodes: Ref[]; relations: { from: Ref; to: Ref }[] } }>(example('8-neighbourhood.graphql'));
    const n = data!.neighbourhood;
    expect(n.center.id).toBe('instrument:spa-2');
    expect(n.nodes[0]!.id).toBe('instrument:spa-2');
    const ids = new Set(n.nodes.map((x) => x.id));
    expect(ids.has('meeting:imm-2') && ids.has('instrument:spa-1') && ids.has('instrument:mou-2004/article-31')).toBe(true);
    for (const r of n.relations) expect(ids.has(r.from.id) && ids.has(r.to.id)).toBe(true);
    const capped = await run<{ neighbourhood: { nodes: Ref[]; relations: { id: string; from: Ref; to: Ref }[]; truncated: boolean } }>(
      '{ neighbourhood(id: "process:commit", hops: 3, limit: 10) { nodes { id } relations { id from { id } to { id } } truncated } }',
    );
    const cut = capped.data!.neighbourhood;
    expect(cut.nodes).toHaveLength(10);
    expect(cut.truncated).toBe(true);
    // The relations are those between the ten entities kept, each once.
    const kept = new Set(cut.nodes.map((x) => x.id));
    expect(cut.relations.length).toBeGreaterThanOrEqual(9);
    for (const r of cut.relations) expect(kept.has(r.from.id) && kept.has(r.to.id)).toBe(true);
    expect(new Set(cut.relations.map((r) => r.id)).size).toBe(cut.relations.length);
  });

  it('8: provenance on entities and relations, with the quote in context', async () => {
    const { data } = await run<{
      node: {
        sources: { source: { sha256: string }; context: { before: string; quote: string; after: string } }[];
        relations: { type: string; to: Named; sources: { quote: string }[] }[];
      };
    }>(example('9-provenance.graphql'));
    expect(data!.node.sources[0]).toMatchObject({ quote: 'Second COMMIT Memorandum of Understanding', source: { id: 'commit-about' } });
    expect(data!.node.sources[0]!.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    const ctx = data!.node.sources[1]!.context;
    expect(`${ctx.before}${ctx.quote}${ctx.after}`).toContain('During the third Inter-Ministerial Meeting in Hanoi');
    const reaffirms = data!.node.relations.filter((r) => r.type === 'REAFFIRMS');
    expect(reaffirms.map((r) => r.to.name).sort()).toEqual(['COMMIT Memorandum of Understanding to combat human trafficking', 'First Joint Declaration of COMMIT']);
    expect(reaffirms.every((r) => r.sources[0]!.quote.includes('reaffirming their commitments'))).toBe(true);
  });
});

describe('pagination', () => {
  it('pages through entities with cursors and a total', async () => {
    const first = await run<{ entities: Edges<Named> & { totalCount: number; pageInfo: { endCursor: string } } }>('{ entities(kind: COUNTRY, first: 4) { totalCount edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }');
    expect(first.data!.entities.totalCount).toBe(6);
    expect(first.data!.entities.edges.map((e) => e.node.name)).toEqual(['Cambodia', 'China', 'Lao PDR', 'Myanmar']);
    const next = await run<{ entities: Edges<Named> & { pageInfo: unknown } }>('query ($after: String) { entities(kind: COUNTRY, first: 4, after: $after) { edges { node { name } } pageInfo { hasNextPage hasPreviousPage } } }', { after: first.data!.entities.pageInfo.endCursor });
    expect(next.data!.entities.edges.map((e) => e.node.name)).toEqual(['Thailand', 'Viet Nam']);
    expect(next.data!.entities.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });
  });
});

describe('errors', () => {
  it('answers an unknown id with null and NOT_FOUND', async () => {
    const { data, errors } = await run('{ node(id: "country:atlantis") { name } }');
    expect(data!.node).toBeNull();
    expect(errors![0]!.extensions!.code).toBe('NOT_FOUND');
    expect(errors![0]!.message).toContain('country:atlantis');
  });

  it('answers nodes(ids) in order, an unknown id as a null entry with its own NOT_FOUND, and kinds ALL_CAPS', async () => {
    const { data, errors } = await run<{ nodes: unknown; stats: { nodesByKind: { kind: string }[] } }>('{ nodes(ids: ["country:lao-pdr", "country:atlantis", "instrument:spa-2"]) { id kind __typename } stats { nodesByKind { kind count } } }');
    expect(data!.nodes).toEqual([{ id: 'country:lao-pdr', kind: 'COUNTRY', __typename: 'Country' }, null, { id: 'instrument:spa-2', kind: 'INSTRUMENT', __typename: 'Instrument' }]);
    expect(errors!.map((e) => [e.extensions!.code, e.path])).toEqual([['NOT_FOUND', ['nodes', 1]]]);
    expect(data!.stats.nodesByKind.map((k) => k.kind)).toContain('PLAN_AREA');
  });

  it.each([
    ['{ entities(first: 1000) { totalCount } }', 'first'],
    ['{ lineage(id: "instrument:spa-3", depth: 0) { steps { depth } } }', 'depth'],
    ['{ lineage(id: "instrument:spa-3", kinds: [PART_OF]) { steps { depth } } }', 'kinds'],
    ['{ timeline(from: "last year") { totalCount } }', 'from'],
    ['{ search(query: "   ") { totalCount } }', 'query'],
    ['{ entities(after: "not-a-cursor") { totalCount } }', 'after'],
    ['{ connection(from: "org:uniap", to: "org:uniap") { length } }', 'to'],
    ['{ neighbourhood(id: "process:commit", hops: 9) { truncated } }', 'hops'],
  ])('answers %s with BAD_USER_INPUT naming "%s"', async (query, argument) => {
    const { errors } = await run(query);
    expect(errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(errors![0]!.message).toContain(argument);
  });

  it('escapes search syntax instead of failing on it', async () => {
    const { errors, data } = await run<{ search: { totalCount: number } }>('{ search(query: "AND OR ( [ \\" ~ ^ : /") { totalCount } }');
    expect(errors).toBeUndefined();
    expect(data!.search.totalCount).toBe(0);
  });
});

describe('no N+1', () => {
  const nested = `query ($first: Int) {
    entities(first: $first, orderBy: KIND) {
      edges { node {
        name
        sources { quote source { title } }
        relations(first: 10) { type from { name } to { name relations(first: 5) { type to { id } } } }
        ... on Meeting { instruments { instrument { name } articles { name } } }
        ... on Instrument { signatories { taskForce { portfolios { name } } } }
      } }
    }
  }`;

  // Round trips depend on the selection (one batched statement per relation field and level, for the kinds
  // present on the page), never on the number of rows.
  it('does not cost more round trips for 100 rows than for 70, and few in all', async () => {
    const small = await run<{ entities: { edges: unknown[] } }>(nested, { first: 70 });
    const large = await run<{ entities: { edges: unknown[] } }>(nested, { first: 100 });
    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();
    expect(small.data!.entities.edges.length).toBe(70);
    expect(large.data!.entities.edges.length).toBe(100);
    expect(large.roundTrips).toBeLessThanOrEqual(small.roundTrips);
    expect(large.roundTrips).toBeLessThanOrEqual(10);
    const perRow = await run(nested, { first: 1 });
    expect(perRow.roundTrips).toBeGreaterThan(1);
  });
});
