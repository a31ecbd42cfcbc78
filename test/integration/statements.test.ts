/**
 * How reads reach the database: auto-commit statements with metadata and a timeout (one retry on a
 * retryable failure), and the number of statements each benchmark operation costs (one per root field).
 */
import { Neo4jError } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { DatabaseError, ErrorCode } from '../../src/errors.js';
import { isRetryable } from '../../src/db/executor.js';
import { connectionText } from '../../src/modules/path/path.repository.js';
import { createContext } from '../../src/context.js';
import { SLOW_STATEMENT, execute, sharedApp } from '../support/graph.js';

const suite = sharedApp();
const { executor } = suite;

describe('reads are auto-commit statements', () => {
  it('tags each read with the statement name in its transaction metadata', async () => {
    const rows = await executor.readText('statements-test/metadata', 'SHOW TRANSACTIONS YIELD metaData, currentQuery WHERE currentQuery STARTS WITH "SHOW TRANSACTIONS" RETURN metaData');
    expect(rows.map((r) => r.metaData)).toContainEqual({ app: 'commit-kg', query: 'statements-test/metadata' });
  });

  it('stops a read at its timeout with DATABASE_TIMEOUT', async () => {
    const started = Date.now();
    const failure = await executor.readText('statements-test/slow', SLOW_STATEMENT, {}, 300).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DatabaseError);
    expect((failure as DatabaseError).code).toBe(ErrorCode.DatabaseTimeout);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('retries transient and connection failures once, never timeouts or client errors', () => {
    expect(isRetryable(new Neo4jError('x', 'Neo.TransientError.Transaction.DeadlockDetected', '50N00', 'x'))).toBe(true);
    expect(isRetryable(new Neo4jError('x', 'SessionExpired', '50N00', 'x'))).toBe(true);
    expect(isRetryable(new Neo4jError('x', 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration', '50N00', 'x'))).toBe(false);
    expect(isRetryable(new Neo4jError('x', 'Neo.ClientError.Statement.SyntaxError', '42000', 'x'))).toBe(false);
    expect(isRetryable(new Error('plain'))).toBe(false);
  });
});

describe('path and neighbourhood searches are bounded', () => {
  const path = (from: string, to: string, maxLength: number, all = false) =>
    `connection(from: "${from}", to: "${to}", maxLength: ${maxLength}, all: ${all}) { length nodes { id } }`;

  it('answers a path between entities not connected within maxLength with an empty list, in one statement, without an exhaustive search', async () => {
    // org:uniap reaches instrument:spa-3 only in more than 1 hop: the old shortestPath() + length filter then
    // searched every path up to 8 hops (seconds on the curated graph, far more with aliases).
    const within = await execute<{ p: { length: number }[] }>(suite.app.apollo, executor, `{ p: ${path('org:uniap', 'instrument:spa-3', 8)} }`);
    expect(within.data!.p[0]!.length).toBeGreaterThan(1);
    // Warm the plan cache: the first run of each statement text is planned, which counts against its timeout.
    await execute(suite.app.apollo, executor, `{ a: ${path('org:uniap', 'instrument:spa-3', 1)} b: ${path('org:uniap', 'instrument:spa-3', 1, true)} }`);
    const aliases = Array.from({ length: 15 }, (_, i) => `p${i}: ${path('org:uniap', 'instrument:spa-3', 1, i % 2 === 0)}`).join(' ');
    const started = Date.now();
    const result = await execute(suite.app.apollo, executor, `{ ${aliases} }`);
    expect(result.errors?.map((e) => e.message)).toBeUndefined();
    for (let i = 0; i < 15; i++) expect(result.data![`p${i}`]).toEqual([]);
    expect(result.roundTrips).toBe(15);
    // Each statement has a 2 s server-side timeout: an exhaustive search would have failed with DATABASE_TIMEOUT.
    expect(Date.now() - started).toBeLessThan(15 * 2000);
  });

  it('plans the path search as a bounded shortest-path operator, never the exhaustive fallback', async () => {
    for (const all of [false, true]) {
      for (const stated of [false, true]) {
        const plan = await executor.explain(connectionText(all, 8, stated), { from: 'org:uniap', to: 'instrument:spa-3', exclude: [], limit: 5 });
        const operators = JSON.stringify(plan);
        expect(operators).toMatch(/"operatorType":"ShortestPath/);
        // shortestPath() plans an exhaustive fallback, when its predicates cannot be checked during the
        // search, as an AntiConditionalApply over a VarLengthExpand.
        expect(operators).not.toMatch(/AntiConditionalApply|VarLengthExpand/);
      }
    }
  });

  it('answers a three-hop neighbourhood in one statement', async () => {
    const result = await execute<{ neighbourhood: { nodes: unknown[] } }>(suite.app.apollo, executor, '{ neighbourhood(id: "process:commit", hops: 3, limit: 500) { center { id } nodes { id name } relations { from { id } to { id } } truncated } }');
    expect(result.errors).toBeUndefined();
    expect(result.data!.neighbourhood.nodes.length).toBeGreaterThan(50);
    expect(result.roundTrips).toBe(1);
  });

  it('projects the neighbourhood\'s entities from the whole selection (nodes, centre and relation ends, with their relation fields), in one statement', async () => {
    const result = await execute<{
      neighbourhood: {
        center: { name: string; kind: string };
        nodes: { id: string; description: string | null; parts: { type: string }[] }[];
        relations: { type: string; basis: string; from: { id: string; aliases: string[] }; end: { id: string; name: string } }[];
      };
    }>(
      suite.app.apollo,
      executor,
      `{ neighbourhood(id: "instrument:mou-2004", hops: 1, limit: 20) {
          center { name kind }
          nodes { id ...D parts: relations(first: 2, direction: INCOMING, types: [PART_OF]) { type } }
          relations { type basis from { id aliases } end: to { id name } }
        } }
        fragment D on Node { description }`,
    );
    expect(result.errors).toBeUndefined();
    const n = result.data!.neighbourhood;
    expect(n.center).toEqual({ name: 'COMMIT Memorandum of Understanding to combat human trafficking', kind: 'INSTRUMENT' });
    expect(n.nodes.filter((x) => x.description).length).toBeGreaterThan(0);
    expect(n.nodes[0]!.parts.map((p) => p.type)).toEqual(['PART_OF', 'PART_OF']);
    expect(n.relations.length).toBeGreaterThan(0);
    for (const r of n.relations) {
      expect(['STATED', 'INFERRED']).toContain(r.basis);
      expect(Array.isArray(r.from.aliases)).toBe(true);
      expect(r.end.name.length).toBeGreaterThan(0);
    }
    expect(result.roundTrips).toBe(1);
  });

  it('projects the lineage\'s entities from the whole selection (root, nodes and step ends, with their relation fields), in one statement', async () => {
    const result = await execute<{
      lineage: {
        root: { name: string };
        nodes: { id: string; kind: string; articles: { id: string }[] }[];
        steps: { basis: string; sources: { quote: string }[]; from: { id: string; aliases: string[] }; to: { id: string; name: string } }[];
      };
    }>(
      suite.app.apollo,
      executor,
      `{ lineage(id: "instrument:spa-3", direction: ANCESTORS, depth: 3) {
          root { name }
          nodes { id kind articles: relations(types: [DEVELOPED_UNDER], direction: OUTGOING, first: 3) { id } }
          steps { basis sources { quote } from { id aliases } to { id ... on Node { name } } }
        } }`,
    );
    expect(result.errors).toBeUndefined();
    const l = result.data!.lineage;
    expect(l.root.name).toBe('Third Sub-regional Plan of Action');
    expect(l.nodes[0]!.id).toBe('instrument:spa-3');
    expect(l.nodes.some((n) => n.articles.length > 0)).toBe(true);
    expect(l.steps.length).toBeGreaterThan(2);
    for (const step of l.steps) {
      expect(['STATED', 'INFERRED']).toContain(step.basis);
      expect(step.sources.length).toBeGreaterThan(0);
      expect(Array.isArray(step.from.aliases)).toBe(true);
      expect(step.to.name.length).toBeGreaterThan(0);
    }
    expect(result.roundTrips).toBe(1);
  });

  it('projects the adoption rows\' entities from their selections, with relation fields under them, in one statement', async () => {
    const result = await execute<{
      adoptions: { edges: { node: { date: { text: string } | null; meeting: { name: string; place: { name: string } | null } | null; instrument: { name: string; aliases: string[]; sources: unknown[] }; article: { name: string; parts: { type: string }[] } | null } }[] };
    }>(
      suite.app.apollo,
      executor,
      `{ adoptions(meeting: "meeting:imm-2") { edges { node {
          date { text }
          meeting { name ... on Meeting { place { name } } }
          instrument { name aliases sources { quote } }
          article { name parts: relations(first: 2) { type } }
        } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const rows = result.data!.adoptions.edges.map((e) => e.node);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.meeting!.name).toBe('Second Inter-Ministerial Meeting');
      expect(row.date).not.toBeNull();
      expect(row.instrument.name.length).toBeGreaterThan(0);
      expect(row.instrument.sources.length).toBeGreaterThan(0);
    }
    expect(rows.some((r) => r.article && r.article.parts.length > 0)).toBe(true);
    expect(result.roundTrips).toBe(1);
  });

  it('projects a path\'s entities from the whole selection (nodes, hop ends and their relations\' ends), in one statement', async () => {
    const result = await execute<{
      connection: { nodes: { name: string }[]; hops: { direction: string; from: { id: string }; to: { id: string; name: string }; relation: { type: string; basis: string; from: { aliases: string[] }; to: { id: string } } }[] }[];
    }>(
      suite.app.apollo,
      executor,
      '{ connection(from: "instrument:spa-2", to: "country:thailand") { nodes { name } hops { direction from { id } to { id name } relation { type basis from { aliases } to { id } } } } }',
    );
    expect(result.errors).toBeUndefined();
    const [path] = result.data!.connection;
    expect(path!.nodes[0]!.name).toBe('Second Sub-regional Plan of Action');
    expect(path!.hops.length).toBeGreaterThan(0);
    for (const hop of path!.hops) {
      expect(hop.to.name.length).toBeGreaterThan(0);
      expect(Array.isArray(hop.relation.from.aliases)).toBe(true);
      // The relation's ends are the hop's ends, in the relation's own direction.
      expect(hop.relation.to.id).toBe(hop.direction === 'FORWARD' ? hop.to.id : hop.from.id);
    }
    expect(result.roundTrips).toBe(1);
  });

  it('projects search hits\' entities from their selection, and reads the matched passage only when it is selected, in one statement', async () => {
    const withPassage = await execute<{ search: { edges: { node: { field: string; passage: string; node: { id: string; name: string; sources: unknown[] } } }[] } }>(
      suite.app.apollo,
      executor,
      '{ search(query: "SPA II", first: 3) { edges { node { field passage node { id name sources { quote } } } } } }',
    );
    expect(withPassage.errors).toBeUndefined();
    const [first] = withPassage.data!.search.edges;
    expect(first!.node).toMatchObject({ field: 'aliases', passage: 'SPA II', node: { id: 'instrument:spa-2', name: 'Second Sub-regional Plan of Action' } });
    expect(first!.node.node.sources.length).toBeGreaterThan(0);
    expect(withPassage.roundTrips).toBe(1);
    const idsOnly = await execute<{ search: { edges: { node: { score: number; node: { id: string } } }[] } }>(suite.app.apollo, executor, '{ search(query: "SPA II", first: 3) { edges { node { score node { id } } } } }');
    expect(idsOnly.data!.search.edges.map((e) => e.node.node.id)).toEqual(withPassage.data!.search.edges.map((e) => e.node.node.id));
    expect(idsOnly.roundTrips).toBe(1);
  });

  it('projects timeline events\' subjects and places from their selections, in one statement', async () => {
    const result = await execute<{ timeline: { edges: { node: { title: string; subject: { id: string; name: string; aliases: string[] }; place: { name: string; country: { id: string } | null } | null } }[] } }>(
      suite.app.apollo,
      executor,
      '{ timeline(first: 50) { edges { node { title subject { id name aliases } place { name ... on Place { country { id } } } } } } }',
    );
    expect(result.errors).toBeUndefined();
    const events = result.data!.timeline.edges.map((e) => e.node);
    expect(events.length).toBeGreaterThan(10);
    for (const e of events) expect(e.subject.name.length).toBeGreaterThan(0);
    expect(events.some((e) => e.place !== null)).toBe(true);
    expect(result.roundTrips).toBe(1);
  });

  it('never lends the partial entities of a neighbourhood, a lineage, adoption rows, a path, search hits or timeline events to other fields of the request', async () => {
    // Each field selects only ids, so its rows hold ids and kinds; the node loader must still give whole entities after them.
    const context = createContext(executor, 'test');
    const response = await suite.app.apollo.executeOperation(
      {
        query: `{ neighbourhood(id: "instrument:spa-2", hops: 1) { nodes { id } } lineage(id: "instrument:spa-2") { nodes { id } }
          adoptions(meeting: "meeting:imm-2") { edges { node { instrument { id } meeting { id } } } }
          connection(from: "instrument:spa-2", to: "country:thailand") { nodes { id } }
          search(query: "Second Sub-regional Plan of Action") { edges { node { node { id } } } }
          timeline(first: 50) { edges { node { subject { id } place { id } } } } }`,
      },
      { contextValue: context },
    );
    expect(response.body.kind === 'single' && response.body.singleResult.errors).toBeFalsy();
    for (const id of ['instrument:spa-2', 'meeting:imm-2', 'instrument:spa-1', 'meeting:imm-1']) {
      const whole = await context.loaders.node.load(id);
      expect(whole?.name, id).toBeTruthy();
      expect(whole?.quotes?.length, id).toBeGreaterThan(0);
    }
  });
});

describe('cost of searches', () => {
  it('charges path searches by their length bound, so a flood of aliased path searches is refused before the database', async () => {
    const aliases = Array.from({ length: 12 }, (_, i) => `p${i}: connection(from: "org:uniap", to: "country:viet-nam", maxLength: 8, all: true) { length }`).join(' ');
    const result = await execute(suite.app.apollo, executor, `{ ${aliases} }`);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost' });
    expect(result.roundTrips).toBe(0);
  });
});

/** The benchmark's nine operations (bench/bench.ts), on curated ids. */
export const BENCH_OPERATIONS: Record<string, string> = {
  'entity by id': '{ node(id: "meeting:imm-2") { id name ... on Meeting { date { text } } } }',
  'meeting/instrument/article rows': '{ adoptions(meeting: "meeting:imm-2") { edges { node { instrument { name } article { name } date { text } } } } }',
  'lineage depth 5': '{ lineage(id: "instrument:spa-3", direction: ANCESTORS, depth: 5) { steps { depth relation from { id } to { id } } } }',
  'shortest path': '{ connection(from: "instrument:spa-3", to: "place:hanoi") { length hops { relation { type } to { id } } } }',
  'neighbourhood 2 hops': '{ neighbourhood(id: "meeting:imm-2", hops: 2, limit: 150) { nodes { id kind name } relations { type from { id } to { id } } } }',
  'full-text search': '{ search(query: "Protection", first: 20) { edges { node { score node { id name } } } } }',
  'nested list of 100 meetings': '{ entities(kind: MEETING, first: 100) { edges { node { name ... on Meeting { instruments { instrument { name } articles { name } } } } } } }',
  'page of 50 instruments with total': '{ entities(kind: INSTRUMENT, from: "2005", to: "2010", first: 50) { totalCount edges { node { id name } } } }',
  'three levels through Node fragments':
    'query { node(id: "meeting:imm-2") { ...M } } fragment M on Node { id name ... on Meeting { instruments { instrument { ...I } } } } fragment I on Node { id name ... on Instrument { developedUnder { ...A } } } fragment A on Node { id name ... on Article { section { instrument { id name } } } }',
};

describe('statements per operation', () => {
  for (const [op, query] of Object.entries(BENCH_OPERATIONS)) {
    it(`${op}: one statement for its one root field`, async () => {
      const result = await execute(suite.app.apollo, executor, query);
      expect(result.errors?.map((e) => e.message)).toBeUndefined();
      expect(result.statements).toHaveLength(1);
    });
  }

  it('entities with every filter, an order and a cursor: still one statement', async () => {
    const query = 'query ($after: String) { entities(kind: INSTRUMENT, from: "2005", to: "2012", country: "country:thailand", relatedTo: { id: "country:thailand", type: SIGNED_BY }, instrumentType: PLAN_OF_ACTION, orderBy: DATE, first: 1, after: $after) { totalCount edges { node { id } } pageInfo { endCursor } } }';
    const first = await suite.run<{ entities: { pageInfo: { endCursor: string | null } } }>( query);
    expect(first.errors).toBeUndefined();
    expect(first.statements).toHaveLength(1);
    const next = await suite.run( query, { after: first.data!.entities.pageInfo.endCursor });
    expect(next.errors).toBeUndefined();
    expect(next.statements).toHaveLength(1);
  });

  it('answers the three-level fragment selection with every level filled', async () => {
    type Article = { section: { instrument: { id: string } | null } | null };
    const { data } = await execute<{ node: { instruments: { instrument: { developedUnder: Article[] } }[] } }>(suite.app.apollo, executor, BENCH_OPERATIONS['three levels through Node fragments']!);
    const articles = data!.node.instruments.flatMap((i) => i.instrument.developedUnder);
    expect(articles.length).toBeGreaterThan(0);
    expect(articles.every((a) => a.section?.instrument?.id)).toBe(true);
  });
});
