/**
 * Typed relation lists cut at RELATIONS_PER_FIELD say so (issue: a researcher never knew there were more):
 * on a private seeded graph with a meeting of 12 instruments (one of them developed under 12 articles) and
 * one of exactly 10, both paths (the planner under `node`, the loaders under `nodes` and `search`) list
 * the same first 10 in the same order and add one LIST_TRUNCATED warning per cut list, naming the
 * `relations` call that lists it all; a list of exactly 10 adds none. Also: `nodes(ids:)` suggests ids for
 * every unknown one, in one suggestion statement.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../../src/db/executor.js';
import { lookupKey } from '../../src/model/model.js';
import { createApp, type App } from '../../src/server.js';
import { execute } from '../support/graph.js';
import { privateGraph, seeded, type PrivateGraph } from '../support/private-graph.js';

let graph: PrivateGraph;
let executor: Executor;
let app: App;

const pad = (i: number) => String(i).padStart(2, '0');
const entity = (id: string, kind: string, name: string, extra: Record<string, unknown> = {}) => ({
  id,
  kind,
  props: { id, kind, name, aliases: [], lookup: lookupKey([name]), sourceIds: [], quotes: [], ...extra },
});
const relation = (type: string, from: string, to: string, props: Record<string, unknown> = {}) => ({ id: `rel:zz/${type}/${from}/${to}`, type, from, to, props: { basis: 'STATED', ...props } });

beforeAll(async () => {
  graph = await privateGraph('lists');
  executor = await seeded(graph);
  app = await createApp(graph.config, executor);
  const items = Array.from({ length: 12 }, (_, i) => entity(`instrument:zz-item-${pad(i + 1)}`, 'Instrument', `ZZ Item ${pad(i + 1)}`));
  // Articles carry numbers in the reverse of their names' order: MeetingInstrument.articles lists by name.
  const articles = Array.from({ length: 12 }, (_, i) => entity(`article:zz-art-${pad(i + 1)}`, 'Article', `ZZ Article ${pad(i + 1)}`, { number: 12 - i }));
  const nodes = [entity('meeting:zz-twelve', 'Meeting', 'ZZ Twelve Meeting'), entity('meeting:zz-ten', 'Meeting', 'ZZ Ten Meeting'), ...items, ...articles];
  const relations = [
    // Item 12's adoption has a sequence, so it comes first; the others follow by name.
    ...items.map((item, i) => relation('ADOPTED_AT', item.id, 'meeting:zz-twelve', i === 11 ? { sequence: 1 } : {})),
    ...items.slice(0, 10).map((item) => relation('SIGNED_AT', item.id, 'meeting:zz-ten')),
    ...articles.map((article) => relation('DEVELOPED_UNDER', 'instrument:zz-item-12', article.id)),
  ];
  await executor.write('test', async (tx) => {
    await tx.run('queries/bundle/merge-nodes', { nodes });
    await tx.run('queries/bundle/merge-relations', { relations });
  });
}, 240_000);

afterAll(async () => {
  await app?.apollo.stop();
  await executor?.close();
  await graph?.stop();
});

/** The shapes these tests read: entities with their typed lists, search hits, relations. */
interface Answers {
  node: Listed & { relations: unknown[] };
  nodes: Listed[];
  search: { edges: { node: { node: Listed } }[] };
}
const run = (query: string, variables: Record<string, unknown> = {}) => execute<Answers>(app.apollo, executor, query, variables);
const warningsOf = (result: object) => (result as { extensions?: { warnings?: unknown[] } }).extensions?.warnings;

const LIST = '... on Meeting { instruments { instrument { name } articles { name } } }';
const FIRST_TEN = ['ZZ Item 12', ...Array.from({ length: 9 }, (_, i) => `ZZ Item ${pad(i + 1)}`)];
const FIRST_TEN_ARTICLES = Array.from({ length: 10 }, (_, i) => `ZZ Article ${pad(i + 1)}`);
const INSTRUMENTS_MESSAGE = 'Meeting.instruments lists its first 10 items; relations(types: [SIGNED_AT, ADOPTED_AT], direction: INCOMING, first: 500) lists them all.';
const ARTICLES_MESSAGE = "MeetingInstrument.articles lists its first 10 items; the instrument's relations(types: [DEVELOPED_UNDER], direction: OUTGOING, first: 500) lists them all.";

type Listed = { instruments: { instrument: { name: string }; articles: { name: string }[] }[] };
const names = (meeting: Listed) => meeting.instruments.map((i) => i.instrument.name);

describe('typed lists longer than the cap', () => {
  it('through node (the planner): the first 10 by position then name, one warning per cut list, in one statement', async () => {
    const result = await run(`{ node(id: "meeting:zz-twelve") { ${LIST} } }`);
    expect(result.errors).toBeUndefined();
    expect(result.statements).toEqual(['planner/node']);
    const meeting = result.data!.node as Listed;
    expect(names(meeting)).toEqual(FIRST_TEN);
    expect(meeting.instruments[0]!.articles.map((a) => a.name)).toEqual(FIRST_TEN_ARTICLES);
    expect(warningsOf(result)).toEqual([
      { code: 'LIST_TRUNCATED', path: ['node', 'instruments'], message: INSTRUMENTS_MESSAGE },
      { code: 'LIST_TRUNCATED', path: ['node', 'instruments', 0, 'articles'], message: ARTICLES_MESSAGE },
    ]);
  });

  it('through nodes and search (the loaders): the same items in the same order, the same warnings at their paths', async () => {
    const result = await run(`{ nodes(ids: ["meeting:zz-ten", "meeting:zz-twelve"]) { ${LIST} } search(query: "ZZ Twelve Meeting", kinds: [MEETING], first: 1) { edges { node { node { ${LIST} } } } } }`);
    expect(result.errors).toBeUndefined();
    const [ten, twelve] = result.data!.nodes;
    const found = result.data!.search.edges[0]!.node.node;
    for (const meeting of [twelve!, found]) {
      expect(names(meeting)).toEqual(FIRST_TEN);
      expect(meeting.instruments[0]!.articles.map((a) => a.name)).toEqual(FIRST_TEN_ARTICLES);
    }
    expect(names(ten!)).toEqual(Array.from({ length: 10 }, (_, i) => `ZZ Item ${pad(i + 1)}`));
    expect(warningsOf(result)).toEqual(
      expect.arrayContaining([
        { code: 'LIST_TRUNCATED', path: ['nodes', 1, 'instruments'], message: INSTRUMENTS_MESSAGE },
        { code: 'LIST_TRUNCATED', path: ['nodes', 1, 'instruments', 0, 'articles'], message: ARTICLES_MESSAGE },
        { code: 'LIST_TRUNCATED', path: ['search', 'edges', 0, 'node', 'node', 'instruments'], message: INSTRUMENTS_MESSAGE },
        { code: 'LIST_TRUNCATED', path: ['search', 'edges', 0, 'node', 'node', 'instruments', 0, 'articles'], message: ARTICLES_MESSAGE },
      ]),
    );
    expect(warningsOf(result)).toHaveLength(4);
  });

  it('lists everything through the relations call the warning names', async () => {
    const result = await run('{ node(id: "meeting:zz-twelve") { relations(types: [SIGNED_AT, ADOPTED_AT], direction: INCOMING, first: 500) { from { id } } } }');
    expect(result.data!.node.relations).toHaveLength(12);
    const articles = await run('{ node(id: "instrument:zz-item-12") { relations(types: [DEVELOPED_UNDER], direction: OUTGOING, first: 500) { to { id } } } }');
    expect(articles.data!.node.relations).toHaveLength(12);
  });
});

describe('typed lists of exactly the cap', () => {
  it('list all 10 with no warning on either path (and no extensions.warnings key)', async () => {
    for (const query of [`{ node(id: "meeting:zz-ten") { ${LIST} } }`, `{ nodes(ids: ["meeting:zz-ten"]) { ${LIST} } }`]) {
      const result = await run(query);
      expect(result.errors).toBeUndefined();
      const meeting = result.data!.node ?? result.data!.nodes[0]!;
      expect(names(meeting)).toHaveLength(10);
      expect(warningsOf(result)).toBeUndefined();
    }
  });
});

describe('nodes(ids:) with unknown ids', () => {
  it('answers each with NOT_FOUND and its suggestions, found for all of them in one statement', async () => {
    const result = await run('{ nodes(ids: ["spa-2", "country:lao-pdr", "meeting:IMM 2", "zzqq-nothing"]) { id } }');
    expect(result.data!.nodes).toEqual([null, { id: 'country:lao-pdr' }, null, null]);
    const byPath = new Map(result.errors!.map((e) => [JSON.stringify(e.path), e]));
    expect(byPath.size).toBe(3);
    expect(byPath.get('["nodes",0]')!.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'ids', id: 'spa-2' });
    expect(byPath.get('["nodes",0]')!.extensions!.suggestions).toContain('instrument:spa-2');
    expect(byPath.get('["nodes",0]')!.message).toContain('Did you mean "instrument:spa-2"');
    expect(byPath.get('["nodes",2]')!.extensions!.suggestions).toContain('meeting:imm-2');
    expect(byPath.get('["nodes",3]')!.extensions).toMatchObject({ code: 'NOT_FOUND', id: 'zzqq-nothing', suggestions: [] });
    expect(result.statements.filter((s) => s === 'queries/suggestion/suggest')).toHaveLength(1);
  });

  it('asks for no suggestions when every id is known', async () => {
    const result = await run('{ nodes(ids: ["country:lao-pdr"]) { id } }');
    expect(result.errors).toBeUndefined();
    expect(result.statements).not.toContain('queries/suggestion/suggest');
  });
});
