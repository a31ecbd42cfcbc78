/**
 * Curation against a real Neo4j of its own (the round trip wipes it): authenticated edits with
 * provenance, optimistic versions, retirement, audit, atomic import and lossless export.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCsv } from '../../src/bundle/csv.js';
import { exportBundle, toGraphML } from '../../src/bundle/export.js';
import { countGraph } from '../../src/bundle/load.js';
import type { Executor } from '../../src/db/executor.js';
import { CurationRepository } from '../../src/modules/curation/curation.repository.js';
import type { App } from '../../src/server.js';
import { privateGraph, seeded, serve, type PrivateGraph } from '../support/private-graph.js';
import type { Edges, Ref } from '../support/graph.js';

let graph: PrivateGraph;
let executor: Executor;
let app: App;
let url: string;
let editor: string;
let admin: string;

const INJECTION = "x'}) MATCH (n) DETACH DELETE n // \" ; CALL db.clearQueryCaches() $param {{`";
const REPORT = `Report of the fourth Inter-Ministerial Meeting. The ministers adopted a fourth plan. ${INJECTION} The end.`;

/** An operation over HTTP; TData is the shape of the selection the test reads (data is absent when it failed). */
async function gql<TData = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, token?: string) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data: TData; errors?: { message: string; extensions: Record<string, unknown> }[] };
}

const changeCount = async () => Number((await executor.readText('t', 'MATCH (c:Change) RETURN count(c) AS n'))[0]!.n);
const snapshot = async () => JSON.stringify(await exportBundle(executor));

beforeAll(async () => {
  graph = await privateGraph('curation');
  executor = await seeded(graph);
  editor = graph.keys.create('ed', 'editor');
  admin = graph.keys.create('root', 'admin');
  let base: string;
  ({ app, base } = await serve(graph, executor));
  url = `${base}/graphql`;
});

afterAll(async () => {
  await app?.apollo.stop();
  await executor?.close();
  await graph?.stop();
});

const REGISTER = 'mutation ($input: SourceInput!) { registerSource(input: $input) { id sha256 length } }';
const CREATE = 'mutation ($input: EntityInput!) { createEntity(input: $input) { id name version aliases description sources { quote source { id } } } }';
const UPDATE = 'mutation ($id: ID!, $version: Int!, $patch: EntityPatch!, $provenance: [ProvenanceInput!]!) { updateEntity(id: $id, version: $version, patch: $patch, provenance: $provenance) { id name version sources { quote } } }';
const RELATE = 'mutation ($input: RelationInput!) { createRelation(input: $input) { id type version from { id } to { id } sources { quote } } }';

describe('curation workflow', () => {
  it('registers a source, adds facts with quotes, and records who did what in the audit trail', async () => {
    const src = await gql(REGISTER, { input: { id: 'imm4-report', title: 'IMM 4 report', text: REPORT, publisher: 'test' } }, editor);
    expect(src.errors).toBeUndefined();
    expect(src.data.registerSource).toMatchObject({ id: 'imm4-report', length: REPORT.length });
    const created = await gql(CREATE, { input: { id: 'meeting:imm-4', kind: 'MEETING', name: 'Fourth Inter-Ministerial Meeting', aliases: ['IMM 4'], provenance: [{ source: 'imm4-report', quote: 'Report of the fourth Inter-Ministerial Meeting.' }] } }, editor);
    expect(created.errors).toBeUndefined();
    expect(created.data.createEntity).toMatchObject({ id: 'meeting:imm-4', version: 1, sources: [{ quote: 'Report of the fourth Inter-Ministerial Meeting.', source: { id: 'imm4-report' } }] });
    const rel = await gql(RELATE, { input: { type: 'SUCCEEDS', from: 'meeting:imm-4', to: 'meeting:imm-3', provenance: [{ source: 'imm4-report', quote: 'fourth Inter-Ministerial Meeting' }] } }, editor);
    expect(rel.errors).toBeUndefined();
    expect(rel.data.createRelation).toMatchObject({ type: 'SUCCEEDS', from: { id: 'meeting:imm-4' }, to: { id: 'meeting:imm-3' }, version: 1 });
    const lookup = await gql('{ lookup(name: "imm 4") { id } }');
    expect(lookup.data.lookup).toEqual([{ id: 'meeting:imm-4' }]);

    const audit = await gql<{ changes: Edges<{ after: string; at: string }> }>('query ($t: ID) { changes(target: $t) { edges { node { actor action target before after at } } } }', { t: 'meeting:imm-4' }, editor);
    const [change] = audit.data.changes.edges.map((e) => e.node);
    expect(change).toMatchObject({ actor: 'ed', action: 'CREATE_ENTITY', target: 'meeting:imm-4', before: null });
    expect(JSON.parse(change!.after).name).toBe('Fourth Inter-Ministerial Meeting');
    expect(Date.now() - Date.parse(change!.at)).toBeLessThan(60_000);
    const since = await gql<{ changes: { totalCount: number } }>('query ($s: String) { changes(since: $s) { totalCount } }', { s: new Date(Date.now() - 60_000).toISOString() }, editor);
    expect(since.data.changes.totalCount).toBe(3);
  });

  it('refuses a fact without valid provenance and writes nothing', async () => {
    const before = await snapshot();
    const changes = await changeCount();
    const bad = await gql(CREATE, { input: { id: 'meeting:imm-5', kind: 'MEETING', name: 'Fifth', provenance: [{ source: 'imm4-report', quote: 'The fifth meeting was held on the moon.' }] } }, editor);
    expect(bad.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(bad.errors![0]!.message).toMatch(/quote not found verbatim/);
    const unknownSource = await gql(CREATE, { input: { id: 'meeting:imm-5', kind: 'MEETING', name: 'Fifth', provenance: [{ source: 'nope', quote: 'Report of the fourth' }] } }, editor);
    expect(unknownSource.errors![0]!.message).toMatch(/unknown source "nope"/);
    expect(await snapshot()).toBe(before);
    expect(await changeCount()).toBe(changes);
  });

  it('answers missing or invalid keys with UNAUTHENTICATED and the wrong role with FORBIDDEN, writing nothing', async () => {
    const before = await snapshot();
    const changes = await changeCount();
    const input = { id: 'meeting:imm-6', kind: 'MEETING', name: 'Sixth', provenance: [{ source: 'imm4-report', quote: 'Report of the fourth' }] };
    expect((await gql(CREATE, { input })).errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
    expect((await gql(CREATE, { input }, 'ckg_not-a-key')).errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
    const retire = await gql('mutation { retireEntity(id: "meeting:imm-4", version: 1, reason: "test") { id } }', {}, editor);
    expect(retire.errors![0]!.extensions.code).toBe('FORBIDDEN');
    expect(await snapshot()).toBe(before);
    expect(await changeCount()).toBe(changes);
  });

  it('refuses a stale version with CONFLICT, and of two concurrent updates from one version exactly one wins', async () => {
    const provenance = [{ source: 'imm4-report', quote: 'Report of the fourth Inter-Ministerial Meeting.' }];
    const ok = await gql<{ updateEntity: { version: number } }>(UPDATE, { id: 'meeting:imm-4', version: 1, patch: { description: 'Held after IMM 3.' }, provenance }, editor);
    expect(ok.data.updateEntity.version).toBe(2);
    const stale = await gql(UPDATE, { id: 'meeting:imm-4', version: 1, patch: { description: 'Lost?' }, provenance }, editor);
    expect(stale.errors![0]!.extensions.code).toBe('CONFLICT');
    const race = await Promise.all(
      ['A', 'B', 'C'].map((who) => gql(UPDATE, { id: 'meeting:imm-4', version: 2, patch: { description: `by ${who}` }, provenance }, editor)),
    );
    expect(race.filter((r) => !r.errors).length).toBe(1);
    expect(race.filter((r) => r.errors?.[0]?.extensions.code === 'CONFLICT').length).toBe(2);
    const winner = ['A', 'B', 'C'][race.findIndex((r) => !r.errors)];
    const now = await gql('{ node(id: "meeting:imm-4") { version description } }');
    expect(now.data.node).toEqual({ version: 3, description: `by ${winner}` });
  });

  it('keeps a cited source immutable', async () => {
    const changed = await gql(REGISTER, { input: { id: 'imm4-report', title: 'IMM 4 report', text: `${REPORT} Edited.` } }, editor);
    expect(changed.errors![0]!.extensions.code).toBe('CONFLICT');
    const same = await gql(REGISTER, { input: { id: 'imm4-report', title: 'IMM 4 report', text: REPORT, publisher: 'test' } }, editor);
    expect(same.errors).toBeUndefined();
  });

  it('stores Cypher-injection strings in every text field as plain text and changes nothing else', async () => {
    const counts = await countGraph(executor);
    const src = await gql(REGISTER, { input: { id: 'injection-src', title: INJECTION, text: `${INJECTION} and more`, publisher: INJECTION, url: INJECTION, published: INJECTION, citation: INJECTION } }, editor);
    expect(src.errors).toBeUndefined();
    const created = await gql(CREATE, { input: { id: 'group:injection', kind: 'STAKEHOLDER_GROUP', name: INJECTION, aliases: [INJECTION], description: INJECTION, text: INJECTION, provenance: [{ source: 'injection-src', quote: INJECTION }] } }, editor);
    expect(created.errors).toBeUndefined();
    const back = await gql('{ node(id: "group:injection") { name aliases description sources { quote source { title publisher url citation } } } }');
    expect(back.data.node).toEqual({ name: INJECTION, aliases: [INJECTION], description: INJECTION, sources: [{ quote: INJECTION, source: { title: INJECTION, publisher: INJECTION, url: INJECTION, citation: INJECTION } }] });
    expect(await countGraph(executor)).toEqual({ nodes: counts.nodes + 1, relations: counts.relations, sources: counts.sources + 1 });
    const search = await gql('query ($q: String!) { search(query: $q) { totalCount } }', { q: INJECTION });
    expect(search.errors).toBeUndefined();
  });

  it('retires (admin only) without deleting: reads skip it, its history stays', async () => {
    const node = await gql<{ node: { version: number } }>('{ node(id: "meeting:imm-4") { version } }');
    const retired = await gql('mutation ($v: Int!) { retireEntity(id: "meeting:imm-4", version: $v, reason: "duplicate in test") { id retiredRelations } }', { v: node.data.node.version }, admin);
    expect(retired.data.retireEntity).toEqual({ id: 'meeting:imm-4', retiredRelations: 1 });
    const gone = await gql('{ node(id: "meeting:imm-4") { id } }');
    expect(gone.errors![0]!.extensions.code).toBe('NOT_FOUND');
    const imm3 = await gql<{ node: { relations: unknown } }>('{ node(id: "meeting:imm-3") { relations(types: [SUCCEEDS]) { id } } }');
    expect(imm3.data.node.relations).toEqual([]);
    const history = await gql<{ changes: Edges<{ action: string }> }>('{ changes(target: "meeting:imm-4") { edges { node { action actor reason } } } }', {}, editor);
    expect(history.data.changes.edges.map((e) => e.node.action)).toEqual(['CREATE_ENTITY', 'UPDATE_ENTITY', 'UPDATE_ENTITY', 'RETIRE_ENTITY']);
    const kept = await executor.readText('t', "MATCH (n:Retired {id: 'meeting:imm-4'}) RETURN n.retiredBy AS by, n.retiredReason AS reason, labels(n) AS labels");
    expect(kept).toEqual([{ by: 'root', reason: 'duplicate in test', labels: ['Retired'] }]);
    const rel = await gql<{ node: { relations: { id: string; version: number }[] } }>('{ node(id: "instrument:spa-2") { relations(types: [SUCCEEDS], direction: OUTGOING) { id version } } }');
    const r = rel.data.node.relations[0]!;
    const retiredRel = await gql('mutation ($id: ID!, $v: Int!) { retireRelation(id: $id, version: $v, reason: "test") { id } }', { id: r.id, v: r.version }, admin);
    expect(retiredRel.errors).toBeUndefined();
    const lineage = await gql<{ lineage: { steps: unknown } }>('{ lineage(id: "instrument:spa-2", direction: ANCESTORS, kinds: [SUCCEEDS]) { steps { to { id } } } }');
    expect(lineage.data.lineage.steps).toEqual([]);
  });
});

describe('inferred relations through createRelation (the import\'s rules)', () => {
  const premise = { source: 'imm4-report', quote: 'The ministers adopted a fourth plan.' };
  const reasoning = 'The report says the ministers adopted a fourth plan, and the plan before it is the third.';
  const inferred = { type: 'SUCCEEDS', from: 'instrument:spa-4', to: 'instrument:spa-3', provenance: [premise], basis: 'INFERRED', reasoning };

  it('creates an INFERRED relation with its reasoning and premises, and audits it', async () => {
    const plan = await gql(CREATE, { input: { id: 'instrument:spa-4', kind: 'INSTRUMENT', name: 'Fourth plan', provenance: [premise] } }, editor);
    expect(plan.errors).toBeUndefined();
    const rel = await gql<{ createRelation: { id: string } }>(RELATE, { input: inferred }, editor);
    expect(rel.errors).toBeUndefined();
    const read = await gql<{ node: { relations: unknown } }>('{ node(id: "instrument:spa-4") { relations(types: [SUCCEEDS], direction: OUTGOING) { id basis reasoning premises { quote } to { id } } } }');
    expect(read.data.node.relations).toEqual([{ id: rel.data.createRelation.id, basis: 'INFERRED', reasoning, premises: [{ quote: premise.quote }], to: { id: 'instrument:spa-3' } }]);
    const audit = await gql<{ changes: Edges<{ after: string }> }>('query ($t: ID) { changes(target: $t) { edges { node { actor action after } } } }', { t: rel.data.createRelation.id }, editor);
    const [change] = audit.data.changes.edges.map((e) => e.node);
    expect(change).toMatchObject({ actor: 'ed', action: 'CREATE_RELATION' });
    expect(JSON.parse(change!.after).props).toMatchObject({ basis: 'INFERRED', reasoning });
  });

  it('refuses an INFERRED relation without reasoning and a STATED one with reasoning, writing nothing', async () => {
    const before = await snapshot();
    const changes = await changeCount();
    const bare = await gql(RELATE, { input: { ...inferred, to: 'instrument:spa-2', reasoning: null } }, editor);
    expect(bare.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [expect.objectContaining({ field: 'reasoning' })] });
    const stated = await gql(RELATE, { input: { ...inferred, to: 'instrument:spa-2', basis: 'STATED' } }, editor);
    expect(stated.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [expect.objectContaining({ field: 'reasoning', reason: expect.stringMatching(/STATED claim takes no reasoning/) })] });
    const twoSentences = await gql(RELATE, { input: { ...inferred, to: 'instrument:spa-2', reasoning: 'It follows. It is so.' } }, editor);
    expect(twoSentences.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(await snapshot()).toBe(before);
    expect(await changeCount()).toBe(changes);
  });
});

describe('bulk import and export', () => {
  it('refuses a bundle with any invalid record, listing every problem, and leaves the graph unchanged', async () => {
    const before = await snapshot();
    const counts = await countGraph(executor);
    const bundle = {
      nodes: [
        { id: 'place:valid-one', kind: 'Place', name: 'Valid', quotes: [{ source: 'commit-about', quote: 'in Yangon, Myanmar' }] },
        { id: 'place:bad-quote', kind: 'Place', name: 'Bad', quotes: [{ source: 'commit-about', quote: 'not in the text at all' }] },
        { id: 'place:bad-kind', kind: 'Planet', name: 'Bad', quotes: [{ source: 'commit-about', quote: 'in Yangon' }] },
      ],
      relations: [{ type: 'LOCATED_IN', from: 'place:valid-one', to: 'country:atlantis', quotes: [{ source: 'commit-about', quote: 'in Yangon' }] }],
    };
    const res = await gql('mutation ($b: JSONObject!) { importBundle(bundle: $b) { nodes } }', { b: bundle }, editor);
    expect(res.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
    const problems = res.errors![0]!.extensions.problems as { record: string; field: string; reason: string }[];
    expect(problems.map((p) => `${p.record} ${p.field}`)).toEqual([
      'nodes[1] (place:bad-quote) quotes[0]',
      'nodes[2] (place:bad-kind) kind',
      'relations[0] (rel:located-in/place.valid-one/country.atlantis) to',
    ]);
    expect(await countGraph(executor)).toEqual(counts);
    expect(await snapshot()).toBe(before);
  });

  it('imports a valid bundle atomically through the API', async () => {
    const res = await gql('mutation ($b: JSONObject!) { importBundle(bundle: $b) { nodes relations changeId } }', {
      b: { nodes: [{ id: 'place:imported', kind: 'Place', name: 'Imported', quotes: [{ source: 'commit-about', quote: 'in Bangkok, Thailand' }] }], relations: [{ type: 'LOCATED_IN', from: 'place:imported', to: 'country:thailand', quotes: [{ source: 'commit-about', quote: 'in Bangkok, Thailand' }] }] },
    }, editor);
    expect(res.errors).toBeUndefined();
    expect(res.data.importBundle).toMatchObject({ nodes: 1, relations: 1 });
    expect((await gql<{ node: { country: Ref } }>('{ node(id: "place:imported") { ... on Place { country { id } } } }')).data.node.country.id).toBe('country:thailand');
  });

  it('round-trips losslessly: export, wipe, import, export gives an identical file', async () => {
    const first = `${JSON.stringify(await exportBundle(executor), null, 2)}\n`;
    const parsed = JSON.parse(first);
    expect(parsed.nodes.length).toBeGreaterThan(99);
    await executor.write('wipe', (tx) => tx.runText('test/wipe', 'MATCH (n) DETACH DELETE n'));
    expect((await countGraph(executor)).nodes).toBe(0);
    await new CurationRepository(executor).importBundle(parsed, { name: 'test', role: 'admin' });
    const second = `${JSON.stringify(await exportBundle(executor), null, 2)}\n`;
    expect(second).toBe(first);
    const spa3 = await gql('{ node(id: "instrument:spa-3") { ... on Instrument { drafted { text precision qualifier } alternateTitles { title } } } }');
    expect(spa3.data.node).toEqual({ drafted: { text: 'mid-late 2010', precision: 'YEAR', qualifier: 'MID_LATE' }, alternateTitles: [{ title: 'COMMIT Third Sub-regional Plan of Action' }, { title: 'third Strategic Plan of Action' }] });
  });

  it('exports a subgraph, GraphML and CSV', async () => {
    const sub = await exportBundle(executor, { root: 'meeting:imm-2', hops: 1 });
    expect(sub.nodes.map((n) => n.id)).toContain('instrument:spa-2');
    expect(sub.relations.every((r) => sub.nodes.some((n) => n.id === r.from) && sub.nodes.some((n) => n.id === r.to))).toBe(true);
    const graphml = toGraphML(sub);
    expect(graphml.match(/<node /g)!.length).toBe(sub.nodes.length);
    expect(graphml.match(/<edge /g)!.length).toBe(sub.relations.length);
    const csv = toCsv(sub);
    expect(csv.nodes.split('\n')[0]).toBe('id,kind,name,aliases,description,source,quote');
    expect(csv.relations.trim().split('\n').length - 1).toBe(sub.relations.reduce((a, r) => a + (r.quotes as unknown[]).length, 0));
  });
});
