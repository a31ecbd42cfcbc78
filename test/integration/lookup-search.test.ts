/** Finding things the way researchers write them: forgiving lookup, and search that ranks exact names first. */
import { describe, expect, it } from 'vitest';
import { execute, sharedApp, type Edges, type JsonObject, type Ref } from '../support/graph.js';

const suite = sharedApp();
const { executor } = suite;

const run = <TData = JsonObject>(query: string, variables?: Record<string, unknown>) => execute<TData>(suite.app.apollo, executor, query, variables);

/** What SEARCH answers. */
type Search = { search: { totalCount: number; pageInfo: { endCursor: string | null; hasNextPage: boolean } } & Edges<{ exact: boolean; field: string; passage: string; score: number; node: Ref }> };

describe('lookup forgives how a name is written', () => {
  const cases: [string, string][] = [
    ['MoU', 'instrument:mou-2004'],
    ['SPA 2', 'instrument:spa-2'],
    ['IMM2', 'meeting:imm-2'],
    ['IMM 3', 'meeting:imm-3'],
    ['spa iii', 'instrument:spa-3'],
    ['SPAIII', 'instrument:spa-3'],
    ['UNACT', 'org:un-act'],
    ['Art. 31', 'instrument:mou-2004/article-31'],
    ['UNDP', 'org:undp'],
    ['viet nam', 'country:viet-nam'],
    ['COMMIT Taskforce (Cambodia)', 'taskforce:cambodia'],
  ];
  for (const [name, id] of cases) {
    it(`finds ${id} for "${name}"`, async () => {
      const { data, errors } = await run<{ lookup: Ref[] }>('query ($name: String!) { lookup(name: $name) { id } }', { name });
      expect(errors).toBeUndefined();
      expect(data!.lookup.map((n) => n.id)).toEqual([id]);
    });
  }

  it('returns both plans for a label the source uses in each (PPC 1), and nothing for a name it never uses', async () => {
    const { data } = await run<{ ppc: Ref[]; none: unknown }>('{ ppc: lookup(name: "PPC 1") { id } none: lookup(name: "SPA 9") { id } }');
    expect(data!.ppc.map((n) => n.id)).toEqual(['area:spa-1/ppc-1', 'area:spa-2/ppc-1']);
    expect(data!.none).toEqual([]);
  });

  it('still matches part of a spelled-out name with nameContains', async () => {
    const { data } = await run<{ entities: Edges<Ref> }>('{ entities(nameContains: "Sub-regional Plan of Action", kind: INSTRUMENT) { edges { node { id } } } }');
    expect(data!.entities.edges.map((e) => e.node.id).sort()).toEqual(['instrument:spa-1', 'instrument:spa-2', 'instrument:spa-3']);
  });
});

describe('search ranks exact names first and shows what matched', () => {
  const SEARCH = 'query ($q: String!, $first: Int, $after: String) { search(query: $q, first: $first, after: $after) { totalCount pageInfo { endCursor hasNextPage } edges { node { exact field passage score node { id } } } } }';

  it('puts SPA II first for "SPA II", reporting the alias that matched', async () => {
    const { data, errors } = await run<Search>(SEARCH, { q: 'SPA II' });
    expect(errors).toBeUndefined();
    const [first, second] = data!.search.edges.map((e) => e.node);
    expect(first).toMatchObject({ exact: true, field: 'aliases', passage: 'SPA II', node: { id: 'instrument:spa-2' } });
    expect(second!.exact).toBe(false);
  });

  it('finds an exact name the full-text index would miss ("IMM2")', async () => {
    const { data } = await run<Search>(SEARCH, { q: 'IMM2' });
    expect(data!.search.edges[0]!.node).toMatchObject({ exact: true, node: { id: 'meeting:imm-2' } });
  });

  it('reports a passage that contains the matched words, for an alias, a description and a quote', async () => {
    for (const q of ['Laos', 'less prescriptive', 'exploitative brokering', 'traff*', 'Ministerial']) {
      const { data } = await run<Search>(SEARCH, { q, first: 20 });
      const hits = data!.search.edges.map((e) => e.node);
      expect(hits.length, q).toBeGreaterThan(0);
      const word = q.replace('*', '').split(' ')[0]!.toLowerCase();
      for (const hit of hits) expect(hit.passage.toLowerCase(), `${q} -> ${hit.node.id} (${hit.field})`).toContain(word);
    }
  });

  it('pages through one ranking without repeats or gaps', async () => {
    const all = await run<Search>(SEARCH, { q: 'COMMIT', first: 100 });
    const ids = all.data!.search.edges.map((e) => e.node.node.id);
    expect(ids.length).toBe(all.data!.search.totalCount);
    const pages: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: { data?: Search | null } = await run<Search>(SEARCH, { q: 'COMMIT', first: 7, after });
      pages.push(...page.data!.search.edges.map((e) => e.node.node.id));
      if (!page.data!.search.pageInfo.hasNextPage) break;
      after = page.data!.search.pageInfo.endCursor;
    }
    expect(pages).toEqual(ids);
  });

  it('makes one database round trip per page (one full-text call)', async () => {
    const result = await run(SEARCH, { q: 'criminal justice', first: 5 });
    expect(result.errors).toBeUndefined();
    expect(result.roundTrips).toBe(1);
  });
});
