/**
 * `entities` as a researcher pages and filters it (issues 11 and 14), on the curated graph: filters by
 * date range (with precision), country, related entity and typed fields; sort orders; keyset cursors
 * that stay stable across pages (ties on name included); totalCount only when asked; NOT_FOUND for an
 * unknown id in a filter; migration 010 (sort keys) on a database that already applied the others; and
 * migration 011 (the date-range indexes), with the plan Neo4j makes of the statement a date-range page sends.
 */
import neo4j, { type Plan } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Executor, toParams, wireForm } from '../../src/db/executor.js';
import { migrate } from '../../src/db/migrations.js';
import { lookupKey } from '../../src/model/model.js';
import { DATE_FIELDS_BY_TYPE } from '../../src/modules/entity/entity.fields.js';
import type { App } from '../../src/server.js';
import { execute, testApollo, testDriver, testExecutor } from '../support/graph.js';

const executor = testExecutor();
let app: App;
beforeAll(async () => {
  app = await testApollo(executor);
});
afterAll(async () => {
  await executor.autoCommit("MATCH (n:Entity) WHERE n.id STARTS WITH 'workplan:zz-tie-' OR n.id = 'report:zz-migration-probe' DETACH DELETE n");
  await app.apollo.stop();
  await executor.close();
});

/** The entities connection as the schema gives it; each query here reads only the fields it selects. */
type Entities = {
  entities: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: { id: string; name: string; kind: string; instrumentType: string } }[];
  };
};
const run = (query: string, variables: Record<string, unknown> = {}) => execute<Entities>(app.apollo, executor, query, variables);

/** Ids of one page of `entities(<args>)`, failing on errors. */
async function ids(args: string): Promise<string[]> {
  const result = await run(`{ entities(${args}) { edges { node { id } } } }`);
  expect(result.errors).toBeUndefined();
  return result.data!.entities.edges.map((e: { node: { id: string } }) => e.node.id);
}

/** Every entity of a listing, page by page through endCursor. */
async function pages(args: string, first: number, between?: (page: number) => Promise<void>) {
  const seen: { id: string; name: string; kind: string }[] = [];
  let after: string | null = null;
  for (let page = 0; page < 500; page++) {
    const result = await run(`query ($after: String) { entities(${args}, first: ${first}, after: $after) { edges { cursor node { id name kind } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`, { after });
    expect(result.errors).toBeUndefined();
    expect(result.statements).toHaveLength(1);
    const { edges, pageInfo } = result.data!.entities;
    expect(pageInfo.hasPreviousPage).toBe(after !== null);
    seen.push(...edges.map((e: { node: { id: string; name: string; kind: string } }) => e.node));
    if (!pageInfo.hasNextPage) return seen;
    expect(edges).toHaveLength(first);
    after = pageInfo.endCursor;
    await between?.(page);
  }
  throw new Error('too many pages');
}

describe('filters', () => {
  it('by date range: a date overlaps when any day it covers is in range (a year-only date covers its year)', async () => {
    // 2007-12-15..20: SPA I's period (2005-2007, years) and end (December 2007), SPA II's adoption (December
    // 2007), IMM 2 (December 2007), and the Article 31 meeting mandate dated only "2007".
    expect((await ids('from: "2007-12-15", to: "2007-12-20", first: 100')).sort()).toEqual(['instrument:spa-1', 'instrument:spa-2', 'mandate:article-31/meeting', 'meeting:imm-2']);
    expect((await ids('kind: INSTRUMENT, from: "2012", first: 100')).sort()).toEqual(['instrument:jd-2', 'instrument:spa-3']);
    expect((await ids('to: "2004", first: 100')).sort()).toEqual(['instrument:mou-2004', 'meeting:imm-1']);
    expect(await ids('kind: COUNTRY, from: "2000"')).toEqual([]);
  });

  it('refuses a date that does not exist and a range that ends before it starts, naming the argument', async () => {
    const bad = await run('{ entities(from: "2007-13") { totalCount } }');
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'from' });
    const reversed = await run('{ entities(from: "2008", to: "2007") { totalCount } }');
    expect(reversed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'to' });
  });

  it('by country: signed, adopted or developed by it, held (or signed at a meeting held) in a place located in it, its offices', async () => {
    expect(await ids('kind: MEETING, country: "country:myanmar"')).toEqual(['meeting:imm-1']);
    expect(await ids('kind: MEETING, country: "country:viet-nam"')).toEqual(['meeting:imm-3']);
    expect((await ids('kind: OFFICE, country: "country:thailand"')).sort()).toEqual(['office:un-act-regional', 'office:un-act-thailand']);
    const instruments = await ids('kind: INSTRUMENT, country: "country:thailand", first: 100');
    expect(instruments).toEqual(expect.arrayContaining(['instrument:mou-2004', 'instrument:spa-1', 'instrument:spa-2', 'instrument:spa-3', 'instrument:jd-2']));
  });

  it('by related entity, optionally by relation type and direction', async () => {
    expect(await ids('relatedTo: { id: "meeting:imm-1", type: SIGNED_AT }')).toEqual(['instrument:mou-2004']);
    expect((await ids('kind: INSTRUMENT, relatedTo: { id: "country:thailand", type: SIGNED_BY, direction: OUTGOING }')).sort()).toEqual(['instrument:jd-2', 'instrument:mou-2004']);
    expect(await ids('relatedTo: { id: "country:thailand", type: SIGNED_BY, direction: INCOMING }')).toEqual([]);
    expect(await ids('relatedTo: { id: "meeting:imm-1" }, first: 100')).toEqual(expect.arrayContaining(['instrument:mou-2004', 'place:yangon']));
  });

  it('by the typed fields', async () => {
    const declarations = await run('{ entities(instrumentType: JOINT_DECLARATION) { edges { node { id ... on Instrument { instrumentType } } } } }');
    const rows = declarations.data!.entities.edges.map((e: { node: { id: string; instrumentType: string } }) => e.node);
    expect(rows.map((r: { id: string }) => r.id)).toContain('instrument:jd-2');
    expect(rows.every((r: { instrumentType: string }) => r.instrumentType === 'JOINT_DECLARATION')).toBe(true);
    expect(await ids('meetingType: INTER_MINISTERIAL')).toEqual(expect.arrayContaining(['meeting:imm-1', 'meeting:imm-2', 'meeting:imm-3']));
    expect(await ids('kind: COUNTRY, instrumentType: PLAN_OF_ACTION')).toEqual([]);
  });

  it('answers an unknown id in a filter with NOT_FOUND naming the argument, with suggested ids', async () => {
    const country = await run('{ entities(country: "country:vietnam") { edges { node { id } } } }');
    expect(country.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'country', id: 'country:vietnam' });
    expect(country.errors?.[0]?.extensions?.suggestions).toContain('country:viet-nam');
    const notACountry = await run('{ entities(country: "instrument:spa-2") { edges { node { id } } } }');
    expect(notACountry.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'country' });
    const related = await run('{ entities(relatedTo: { id: "spa-2" }) { edges { node { id } } } }');
    expect(related.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'relatedTo.id' });
    expect(related.errors?.[0]?.extensions?.suggestions).toContain('instrument:spa-2');
  });
});

describe('sort orders and keyset paging', () => {
  const byName = (a: { id: string; name: string }, b: { id: string; name: string }) => {
    const [x, y] = [a.name.toLowerCase(), b.name.toLowerCase()];
    return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };

  it('pages every order without duplicates or gaps, in the order it names', async () => {
    const all = await pages('orderBy: ID', 100);
    const total = (await run('{ entities { totalCount } }')).data!.entities.totalCount;
    expect(all).toHaveLength(total);
    for (const order of ['NAME_ASC', 'NAME_DESC', 'KIND', 'DATE', 'ID']) {
      const listed = await pages(`orderBy: ${order}`, 7);
      expect(new Set(listed.map((e) => e.id)).size).toBe(listed.length);
      expect(listed.map((e) => e.id).sort()).toEqual(all.map((e) => e.id).sort());
      const expected = [...listed];
      if (order === 'NAME_ASC') expected.sort(byName);
      if (order === 'NAME_DESC') expected.sort((a, b) => -byName({ ...a, id: '' }, { ...b, id: '' }) || (a.id < b.id ? -1 : 1));
      if (order === 'KIND') expected.sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : byName(a, b)));
      if (order === 'ID') expected.sort((a, b) => (a.id < b.id ? -1 : 1));
      expect(listed.map((e) => e.id)).toEqual(expected.map((e) => e.id));
    }
  });

  it('orders by date: earliest date first, undated last', async () => {
    const dated = await ids('kind: INSTRUMENT, orderBy: DATE, first: 5');
    expect(dated).toEqual(['instrument:mou-2004', 'instrument:spa-1', 'instrument:spa-2', 'instrument:spa-3', 'instrument:jd-2']);
  });

  it('keeps ties on name in id order across pages, and a row added meanwhile does not shift the next page', async () => {
    const names = ['ZZ Paging Tie', 'zz paging tie', 'Zz Paging Tie', 'ZZ PAGING TIE', 'zz Paging tie'];
    const nodes = names.map((name, i) => ({
      id: `workplan:zz-tie-${i + 1}`,
      kind: 'Workplan',
      props: { id: `workplan:zz-tie-${i + 1}`, kind: 'Workplan', name, aliases: [], lookup: lookupKey([name]), sourceIds: [], quotes: [] },
    }));
    // The bundle write path sets the sort key.
    await executor.write('test', (tx) => tx.run('queries/bundle/merge-nodes', { nodes }));
    const stored = await executor.readText('t', "MATCH (n:Entity) WHERE n.id STARTS WITH 'workplan:zz-tie-' RETURN DISTINCT n.sortKey AS key");
    expect(stored).toEqual([{ key: 'zz paging tie' }]);
    const listed = await pages('kind: WORKPLAN, nameContains: "zz paging tie"', 2, async (page) => {
      if (page !== 0) return;
      const early = { id: 'workplan:zz-tie-0', kind: 'Workplan', props: { id: 'workplan:zz-tie-0', kind: 'Workplan', name: 'ZZ paging tie', aliases: [], lookup: lookupKey(['ZZ paging tie']), sourceIds: [], quotes: [] } };
      await executor.write('test', (tx) => tx.run('queries/bundle/merge-nodes', { nodes: [early] }));
    });
    expect(listed.map((e) => e.id)).toEqual(['workplan:zz-tie-1', 'workplan:zz-tie-2', 'workplan:zz-tie-3', 'workplan:zz-tie-4', 'workplan:zz-tie-5']);
  });

  it('refuses an offset cursor of the old form and a cursor of another order with BAD_USER_INPUT', async () => {
    const old = await run('query ($a: String) { entities(after: $a) { edges { node { id } } } }', { a: Buffer.from('offset:5').toString('base64url') });
    expect(old.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    const first = await run('{ entities(first: 2) { pageInfo { endCursor } } }');
    const other = await run('query ($a: String) { entities(orderBy: ID, after: $a) { edges { node { id } } } }', { a: first.data!.entities.pageInfo.endCursor });
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
  });
});

describe('totalCount', () => {
  it('counts the entities matching every filter, in the one statement, only when selected', async () => {
    const counted = await run('{ entities(kind: INSTRUMENT, from: "2007-12-15", to: "2007-12-20", first: 1) { totalCount edges { node { id } } pageInfo { hasNextPage } } }');
    expect(counted.errors).toBeUndefined();
    expect(counted.statements).toHaveLength(1);
    expect(counted.data!.entities).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true } });
    const all = await run('{ entities(kind: MEETING) { totalCount } }');
    const listed = await pages('kind: MEETING', 50);
    expect(all.data!.entities.totalCount).toBe(listed.length);
  });

  it('says whether a next page follows without counting (the planner unit test checks no count is compiled)', async () => {
    const uncounted = await run('{ entities(kind: INSTRUMENT, first: 1) { pageInfo { hasNextPage } } }');
    expect(uncounted.data!.entities.pageInfo.hasNextPage).toBe(true);
    const last = await run('{ entities(kind: INSTRUMENT, instrumentType: MEMORANDUM_OF_UNDERSTANDING) { pageInfo { hasNextPage } edges { node { id } } } }');
    expect(last.data!.entities.pageInfo.hasNextPage).toBe(false);
  });
});

describe('migration 010 on a database that applied the earlier ones', () => {
  it('backfills sort keys in batches and creates the range index per kind label', async () => {
    await executor.autoCommit("CREATE (n:Entity:Report {id: 'report:zz-migration-probe', kind: 'Report', name: 'ZZ Migration Probe', version: 1})");
    await executor.autoCommit("MATCH (n:Entity {id: 'instrument:spa-2'}) REMOVE n.sortKey");
    await executor.autoCommit('DROP INDEX report_sort_key IF EXISTS');
    await executor.autoCommit('MATCH (m:Migration {version: 10}) DELETE m');
    const levels = await executor.readText('t', 'MATCH (m:Migration) RETURN collect(m.version) AS versions');
    expect(levels[0]!.versions).toContain(8);

    const result = await migrate(executor);
    expect(result.applied).toEqual(['010-sort-keys']);
    const keys = await executor.readText('t', "MATCH (n:Entity) WHERE n.id IN ['report:zz-migration-probe', 'instrument:spa-2'] RETURN n.id AS id, n.sortKey AS key ORDER BY id");
    expect(keys).toEqual([
      { id: 'instrument:spa-2', key: (await executor.readText('t', "MATCH (n:Entity {id: 'instrument:spa-2'}) RETURN toLower(n.name) AS k"))[0]!.k },
      { id: 'report:zz-migration-probe', key: 'zz migration probe' },
    ]);
    const indexes = await executor.readText('t', "SHOW RANGE INDEXES YIELD name, labelsOrTypes, properties WHERE properties = ['sortKey'] RETURN name, labelsOrTypes[0] AS label");
    expect(indexes.map((i) => i.label)).toEqual(expect.arrayContaining(['Entity', 'Report', 'Instrument', 'Meeting', 'PlanArea']));
    expect((await migrate(executor)).applied).toEqual([]);
  });
});

describe('migration 011: the date-range filter reads indexes', () => {
  it('has a (<field>_start, <field>_end) range index for every dated kind and field, and one on :Entity per field', async () => {
    await executor.autoCommit('CALL db.awaitIndexes(120)');
    const indexes = await executor.readText(
      't',
      "SHOW RANGE INDEXES YIELD labelsOrTypes, properties, state WHERE size(properties) = 2 AND properties[0] ENDS WITH '_start' RETURN labelsOrTypes[0] AS label, properties, state",
    );
    const have = new Set(indexes.filter((i) => i.state === 'ONLINE').map((i) => `${i.label}:${(i.properties as string[]).join(',')}`));
    const pairs = Object.entries(DATE_FIELDS_BY_TYPE).flatMap(([type, fields]) => fields.flatMap((f) => [[type, f], ['Entity', f]]));
    expect(pairs.length).toBeGreaterThan(0);
    for (const [label, f] of pairs) expect(have, `${label} ${f}`).toContain(`${label}:${f}_start,${f}_end`);
  });

  it('plans the date-range total as seeks of the date indexes, one per date field, and scans no label', async () => {
    // The statement and parameters this request sends, as the executor receives them.
    const sent = vi.spyOn(Executor.prototype, 'readText');
    let statement: [string, Record<string, unknown>] | undefined;
    try {
      const result = await run('{ entities(kind: INSTRUMENT, from: "2007", to: "2008", first: 5) { totalCount edges { node { id } } } }');
      expect(result.errors).toBeUndefined();
      expect(result.data!.entities.totalCount).toBeGreaterThan(0);
      const call = sent.mock.calls.find(([name]) => name === 'planner/entities');
      statement = call && [call[1], call[2] ?? {}];
    } finally {
      sent.mockRestore();
    }
    expect(statement).toBeDefined();
    const driver = testDriver();
    try {
      const { summary } = await driver.executeQuery(`EXPLAIN ${wireForm(statement![0])}`, toParams(statement![1]) as Record<string, unknown>, { routing: neo4j.routing.READ });
      const operators: string[] = [];
      const walk = (op: Plan | false) => {
        if (!op) return;
        operators.push(`${op.operatorType} ${String(op.arguments.Details ?? '')}`);
        op.children.forEach(walk);
      };
      walk(summary.plan);
      // The count's subquery: one seek of the (<field>_start, <field>_end) index per Instrument date field.
      const seeks = operators.filter((op) => /^NodeIndexSeek\S* RANGE INDEX n:Instrument\((\w+)_start, \1_end\)/.test(op));
      expect(seeks.length).toBeGreaterThanOrEqual(DATE_FIELDS_BY_TYPE.Instrument!.length);
      expect(operators.filter((op) => op.startsWith('NodeByLabelScan'))).toEqual([]);
    } finally {
      await driver.close();
    }
  });
});
