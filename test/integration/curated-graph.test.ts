/** The curated COMMIT graph as loaded into the real Neo4j: provenance, idempotence, refusal, and questions. */
import { afterAll, describe, expect, it } from 'vitest';
import { countGraph, seedCurated, writeBundle } from '../../src/bundle/load.js';
import { BundleError, validateBundle } from '../../src/bundle/validate.js';
import { normaliseWhitespace } from '../../src/model/model.js';
import { byId, curatedInput, type CuratedInput } from '../support/bundle.js';
import { testExecutor } from '../support/graph.js';

const executor = testExecutor();
afterAll(() => executor.close());

const curated = curatedInput;

describe('provenance', () => {
  it('finds every stored quote of every node and relation verbatim in its stored source', async () => {
    const rows = await executor.readText(
      'test',
      `MATCH (n:Entity) RETURN n.id AS id, n.sourceIds AS sourceIds, n.quotes AS quotes
       UNION ALL
       MATCH (:Entity)-[r]->(:Entity) RETURN r.id AS id, r.sourceIds AS sourceIds, r.quotes AS quotes`,
    );
    const sources = new Map((await executor.readText('test', 'MATCH (s:Source) RETURN s.id AS id, s.text AS text')).map((s) => [s.id as string, normaliseWhitespace(s.text as string)]));
    expect(rows.length).toBeGreaterThan(250);
    const missing: string[] = [];
    for (const row of rows) {
      const quotes = row.quotes as string[];
      expect(quotes.length, `${row.id} has no quote`).toBeGreaterThan(0);
      (row.sourceIds as string[]).forEach((sid, i) => {
        if (!sources.get(sid)?.includes(normaliseWhitespace(quotes[i]!))) missing.push(`${row.id}: ${quotes[i]}`);
      });
    }
    expect(missing).toEqual([]);
  });

  it('keeps dates with their precision and qualifier', async () => {
    const [row] = await executor.readText('t', "MATCH (i:Instrument {id: 'instrument:spa-2'}) RETURN i.drafted_text AS text, i.drafted_precision AS p, i.drafted_qualifier AS q, i.adopted_precision AS ap, i.period_start AS ps, i.period_end AS pe");
    expect(row).toEqual({ text: 'late 2006', p: 'YEAR', q: 'LATE', ap: 'MONTH', ps: '2008-01-01', pe: '2010-12-31' });
  });
});

describe('loading', () => {
  it('gives the same counts when loaded twice (MERGE, one transaction)', async () => {
    const before = await countGraph(executor);
    const after = await seedCurated(executor);
    expect(after).toEqual(before);
    expect(before).toEqual({ nodes: 102, relations: 222, sources: 1 });
  });

  const broken: [string, (b: CuratedInput) => void, RegExp][] = [
    ['an unknown entity', (b) => b.relations.push({ type: 'SUCCEEDS', from: 'instrument:spa-3', to: 'instrument:spa-9', quote: 'COMMIT SPA III' }), /relations\[\d+\].*to: unknown entity "instrument:spa-9"/],
    ['a quote not in the source', (b) => (b.nodes[0]!.quotes = ['COMMIT was founded in 1999 by the moon.']), /nodes\[0\] \(process:commit\) quotes\[0\]: quote not found verbatim/],
    ['a bad date', (b) => (byId(b.nodes, 'meeting:imm-2').dates!.date!.value = '2007-13'), /meeting:imm-2\) dates\.date: bad date/],
    ['a duplicate id', (b) => b.nodes.push({ ...b.nodes[1]! }), /\(objective:1\) id: duplicate id/],
    ['an unknown kind', (b) => (b.nodes[2]!.kind = 'Spaceship'), /kind: unknown kind "Spaceship"/],
  ];

  for (const [what, breakIt, message] of broken) {
    it(`refuses a bundle with ${what}, naming the record, before writing anything`, async () => {
      const bundle = curated();
      bundle.nodes.push({ id: 'place:new-test-place', kind: 'Place', name: 'Not Loaded', quote: 'in Yangon, Myanmar' });
      breakIt(bundle);
      const before = await countGraph(executor);
      let error: unknown;
      try {
        await writeBundle(executor, validateBundle(bundle));
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(BundleError);
      expect((error as Error).message).toMatch(message);
      expect(await countGraph(executor)).toEqual(before);
      const probe = await executor.readText('t', "MATCH (n:Entity {id: 'place:new-test-place'}) RETURN count(n) AS n");
      expect(probe[0]!.n).toBe(0);
    });
  }

  it('writes nothing when a write fails inside the transaction, after every batch has run', async () => {
    const bundle = curated();
    bundle.nodes.push({ id: 'place:new-test-place', kind: 'Place', name: 'Not Loaded', quote: 'in Yangon, Myanmar' });
    const valid = validateBundle(bundle);
    const before = await countGraph(executor);
    let batchesRun = false;
    const error = await writeBundle(executor, valid, {
      // The last statement of the unit of work breaks the unique entity id: the database refuses it.
      alsoInTransaction: async (tx) => {
        batchesRun = (await tx.runText('test/probe', "MATCH (n:Entity {id: 'place:new-test-place'}) RETURN count(n) AS n"))[0]!.n === 1;
        await tx.runText('test/duplicate-id', "CREATE (:Entity {id: 'process:commit'})");
      },
    }).catch((e: unknown) => e);
    expect(batchesRun).toBe(true);
    expect(error).toMatchObject({ code: 'CONFLICT' });
    expect(await countGraph(executor)).toEqual(before);
    const probe = await executor.readText('t', "MATCH (n:Entity {id: 'place:new-test-place'}) RETURN count(n) AS n");
    expect(probe[0]!.n).toBe(0);
  });
});

describe('questions researchers ask, in Cypher over the loaded graph', () => {
  it('which meeting adopted SPA II and under which article', async () => {
    const rows = await executor.readText(
      't',
      "MATCH (p:Instrument {id: 'instrument:spa-2'})-[:ADOPTED_AT]->(m:Meeting), (p)-[:DEVELOPED_UNDER]->(a:Article) RETURN m.name AS meeting, m.date_text AS date, a.number AS article",
    );
    expect(rows).toEqual([{ meeting: 'Second Inter-Ministerial Meeting', date: 'December 2007', article: 31 }]);
  });

  it('who held the Secretariat before UN-ACT', async () => {
    const rows = await executor.readText(
      't',
      "MATCH (u:Organisation {id: 'org:un-act'})-[h:HOLDS_ROLE]->(role:Role)<-[prev:HOLDS_ROLE]-(o:Organisation) WHERE prev.sequence < h.sequence MATCH (u)-[:SUCCEEDS_IN_ROLE]->(o) RETURN o.aliases[0] AS before, role.name AS role",
    );
    expect(rows).toEqual([{ before: 'UNIAP', role: 'COMMIT Secretariat' }]);
  });

  it('the five areas of SPA III, in order', async () => {
    const rows = await executor.readText('t', "MATCH (a:PlanArea)-[r:PART_OF]->(:Instrument {id: 'instrument:spa-3'}) RETURN a.label AS label ORDER BY r.order");
    expect(rows.map((r) => r.label)).toEqual([
      'Policy and Cooperation',
      'Legal Frameworks, Law Enforcement and Justice',
      'Protection, Recovery, and Reintegration',
      'Preventive Measures and Vulnerability Reduction',
      'Monitoring, Evaluation, and Anti-Human Trafficking Data Systems',
    ]);
  });

  it('the chain from the MoU to SPA III through succession and legal basis', async () => {
    const rows = await executor.readText(
      't',
      `MATCH p = (:Instrument {id: 'instrument:spa-3'})-[:SUCCEEDS*]->(:Instrument {id: 'instrument:spa-1'})-[:DEVELOPED_UNDER]->(:Article)-[:PART_OF]->(:Section)-[:PART_OF]->(:Instrument {id: 'instrument:mou-2004'})
       RETURN [n IN nodes(p) | n.id] AS ids`,
    );
    expect(rows).toEqual([
      { ids: ['instrument:spa-3', 'instrument:spa-2', 'instrument:spa-1', 'instrument:mou-2004/article-28', 'instrument:mou-2004/section-v', 'instrument:mou-2004'] },
    ]);
  });

  it('SPA II merged SPA I victim identification and widened prevention', async () => {
    const rows = await executor.readText('t', "MATCH (n:PlanArea)-[r:MERGES|EXPANDS]->(o:PlanArea) WHERE n.id STARTS WITH 'area:spa-2/' RETURN n.id AS newer, type(r) AS how, o.id AS older ORDER BY newer, older");
    expect(rows).toContainEqual({ newer: 'area:spa-2/victim-protection', how: 'MERGES', older: 'area:spa-1/victim-identification' });
    expect(rows).toContainEqual({ newer: 'area:spa-2/prevention', how: 'EXPANDS', older: 'area:spa-1/prevention' });
  });

  it('leaves out what the text does not give: where IMM 2 was held, when the first Joint Declaration was signed', async () => {
    const [imm2] = await executor.readText('t', "MATCH (m:Meeting {id: 'meeting:imm-2'}) RETURN EXISTS { (m)-[:HELD_IN]->() } AS hasPlace, m.date_text AS date");
    expect(imm2).toEqual({ hasPlace: false, date: 'December 2007' });
    const [jd1] = await executor.readText('t', "MATCH (j:Instrument {id: 'instrument:jd-1'}) RETURN j.signed_start AS signed, EXISTS { (j)-[:SIGNED_AT]->() } AS hasMeeting");
    expect(jd1).toEqual({ signed: null, hasMeeting: false });
  });

  it('keeps both titles of SPA III and the heading of the second Joint Declaration, marked as alternates', async () => {
    const rows = await executor.readText('t', "MATCH (i:Instrument) WHERE i.id IN ['instrument:spa-3', 'instrument:jd-2'] RETURN i.id AS id, i.alternateTitles AS titles ORDER BY id");
    expect(rows).toEqual([
      { id: 'instrument:jd-2', titles: ['Second COMMIT Memorandum of Understanding'] },
      { id: 'instrument:spa-3', titles: ['COMMIT Third Sub-regional Plan of Action', 'third Strategic Plan of Action'] },
    ]);
  });
});

describe('stated versus inferred, through the API and the export', () => {
  it('answers basis, reasoning and premises on every relation: an inference with its reasoning and quotes, a statement with none', async () => {
    const { testApollo, execute } = await import('../support/graph.js');
    const app = await testApollo(executor);
    try {
      type Relation = { type: string; basis: string; reasoning: string | null; premises: { quote: string }[]; sources: { quote: string }[] };
      const result = await execute<{ node: { relations: Relation[] }; meeting: { relations: unknown } }>(
        app.apollo,
        executor,
        `{ node(id: "mandate:article-32/task-force") { relations(direction: OUTGOING) { type basis reasoning premises { quote } sources { quote } to { id } } }
           meeting: node(id: "meeting:imm-2") { relations(types: [ADOPTED_AT]) { basis reasoning premises { quote } } } }`,
      );
      expect(result.errors).toBeUndefined();
      const fulfilled = result.data!.node.relations.filter((r) => r.type === 'FULFILLED_BY');
      expect(fulfilled).toHaveLength(6);
      for (const r of fulfilled) {
        expect(r.basis).toBe('INFERRED');
        expect(r.reasoning).toMatch(/^Article 32 calls for creating a national task force/);
        expect(r.premises.map((p) => p.quote)).toEqual(r.sources.map((s) => s.quote));
        expect(r.premises[0]!.quote).toMatch(/^Article 32\. Creating a national task force/);
      }
      expect(result.data!.meeting.relations).toEqual([{ basis: 'STATED', reasoning: null, premises: [] }]);
      const spa1 = await execute<{ node: { inferences: { premises: unknown[] }[] }; other: { inferences: unknown } }>(app.apollo, executor, '{ node(id: "instrument:spa-1") { inferences { property value reasoning premises { quote } } } other: node(id: "instrument:spa-2") { inferences { property } } }');
      expect(spa1.data!.node.inferences[0]!).toMatchObject({ property: 'aliases', value: 'initial Sub-Regional Plan of Action Against Trafficking in Persons', reasoning: expect.stringMatching(/^Article 28 calls for/) });
      expect(spa1.data!.node.inferences[0]!.premises).toHaveLength(2);
      expect(spa1.data!.other.inferences).toEqual([]);
      const typed = await execute(app.apollo, executor, '{ node(id: "role:secretariat") { ... on Role { holders { basis } } } meeting: node(id: "meeting:imm-2") { ... on Meeting { instruments { basis } } } }');
      expect(typed.data).toEqual({ node: { holders: [{ basis: 'STATED' }, { basis: 'STATED' }] }, meeting: { instruments: [{ basis: 'STATED' }] } });
    } finally {
      await app.apollo.stop();
    }
  });

  it('counts stated and inferred relations in the loaded graph, every one with a basis', async () => {
    const rows = await executor.readText('t', 'MATCH (:Entity)-[r]->(:Entity) WHERE r.retired IS NULL AND r.sourceIds IS NOT NULL RETURN r.basis AS basis, count(*) AS n ORDER BY basis');
    expect(rows).toEqual([
      { basis: 'INFERRED', n: 10 },
      { basis: 'STATED', n: 212 },
    ]);
  });

  it('keeps basis and reasoning through export and re-validation, and a re-stated relation loses its old reasoning', async () => {
    const { exportBundle } = await import('../../src/bundle/export.js');
    const exported = await exportBundle(executor, { root: 'mandate:article-31/meeting', hops: 1 });
    const inferred = exported.relations.find((r) => r.type === 'FULFILLED_BY' && r.to === 'meeting:imm-2')!;
    expect(inferred).toMatchObject({ basis: 'INFERRED', reasoning: expect.stringMatching(/^Article 31 calls for/) });
    const again = validateBundle(JSON.parse(JSON.stringify(exported)));
    expect(again.relations.find((r) => r.id === inferred.id)!.props).toMatchObject({ basis: 'INFERRED', reasoning: inferred.reasoning });
    const whole = await exportBundle(executor);
    const spa1 = whole.nodes.find((n) => n.id === 'instrument:spa-1')!;
    expect(spa1.inferred?.map((i) => [i.property, i.quotes.length])).toEqual([['aliases', 2], ['alternateTitles', 2]]);
    const reloaded = validateBundle(JSON.parse(JSON.stringify(whole)));
    const original = validateBundle(curated());
    const pick = (b: typeof original) => b.nodes.find((n) => n.id === 'instrument:spa-1')!.props;
    for (const key of ['inferredProperties', 'inferredValues', 'inferredReasoning', 'inferredPremiseOf', 'inferredPremiseQuotes']) expect(pick(reloaded)[key], key).toEqual(pick(original)[key]);
    // Loading it back as a statement must not leave the old reasoning behind.
    const restated = curated();
    const rel = restated.relations.find((r) => r.type === 'FULFILLED_BY' && r.to === 'meeting:imm-2')!;
    delete rel.basis;
    delete rel.reasoning;
    try {
      await writeBundle(executor, validateBundle(restated));
      const [row] = await executor.readText('t', "MATCH (:Mandate {id: 'mandate:article-31/meeting'})-[r:FULFILLED_BY]->() RETURN r.basis AS basis, r.reasoning AS reasoning");
      expect(row).toEqual({ basis: 'STATED', reasoning: null });
    } finally {
      await seedCurated(executor);
    }
  });
});

describe('migration 007 on a database loaded before issue 14', () => {
  it('retires the replaced claims and renamed entities, drops the holding date and current flag, and leaves the corrected data alone', async () => {
    const { readMigrations } = await import('../../src/db/migrations.js');
    const migration = readMigrations().find((m) => m.name.startsWith('007-'))!;
    const quote = 'UN-ACT has assumed the secretariat function for the Coordinated Mekong Ministerial Initiative Against Trafficking (COMMIT) from its predecessor, UNIAP.';
    // Applied at setup to a fresh database, it found nothing to retire and recorded nothing.
    expect(await executor.readText('t', "MATCH (c:Change {id: 'migration:007-issue-14-claims'}) RETURN c.id AS id")).toEqual([]);
    // The old shapes: organisation succession as SUCCEEDS, a document: id, a dated and "current" holding.
    await executor.autoCommit(
      `MATCH (u:Entity {id: 'org:un-act'}), (p:Entity {id: 'org:uniap'})
       CREATE (u)-[:SUCCEEDS {id: 'rel:succeeds/org.un-act/org.uniap', sourceIds: ['commit-about'], quotes: [$quote], version: 1}]->(p)
       CREATE (d:Entity:Report {id: 'document:capacity-strategy', kind: 'Report', name: 'UN-ACT capacity development strategy', version: 1, sourceIds: ['commit-about'], quotes: [$quote]})
       CREATE (u)-[:PRODUCES {id: 'rel:produces/org.un-act/document.capacity-strategy', sourceIds: ['commit-about'], quotes: [$quote], version: 1}]->(d)
       WITH u MATCH (u)-[h:HOLDS_ROLE]->() SET h.current = true`,
      { quote },
    );
    try {
      for (const statement of migration.statements) await executor.autoCommit(statement);
      const [row] = await executor.readText(
        't',
        `MATCH (u:Organisation {id: 'org:un-act'})
         RETURN EXISTS { (u)-[r:SUCCEEDS]->() WHERE r.retired IS NULL } AS liveSucceeds,
                EXISTS { (u)-[r:SUCCEEDS_IN_ROLE]->() WHERE r.retired IS NULL } AS succeedsInRole,
                EXISTS { (u)-[h:HOLDS_ROLE]->() WHERE h.current IS NOT NULL } AS current,
                EXISTS { MATCH (d:Entity {id: 'document:capacity-strategy'}) } AS oldDocument,
                EXISTS { MATCH (d:Retired {id: 'document:capacity-strategy'}) } AS retiredDocument,
                EXISTS { MATCH (:Entity {id: 'report:capacity-strategy'}) } AS report`,
      );
      expect(row).toEqual({ liveSucceeds: false, succeedsInRole: true, current: false, oldDocument: false, retiredDocument: true, report: true });
      expect(await countGraph(executor)).toEqual({ nodes: 102, relations: 222, sources: 1 });
      const [audit] = await executor.readText('t', "MATCH (c:Change {id: 'migration:007-issue-14-claims'}) RETURN c.actor AS actor, c.reason AS reason");
      expect(audit).toMatchObject({ actor: 'migration:007', reason: expect.stringMatching(/^Retired 2 relations and 1 entities/) });
    } finally {
      await executor.autoCommit("MATCH (c:Change {id: 'migration:007-issue-14-claims'}) DELETE c");
      await executor.autoCommit("MATCH (d:Retired {id: 'document:capacity-strategy'}) DETACH DELETE d");
      await executor.autoCommit("MATCH ()-[r:SUCCEEDS {id: 'rel:succeeds/org.un-act/org.uniap'}]->() DELETE r");
    }
  });
});
