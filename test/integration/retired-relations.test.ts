/**
 * No read follows a retired relation. Each read statement runs inside a write transaction that first
 * retires every relation of the graph and is then rolled back (so the suite's shared graph never changes):
 * whatever a statement still reaches through a relation is a leak.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Row, WriteTransaction } from '../../src/db/executor.js';
import { adoptionsText } from '../../src/modules/adoption/adoption.repository.js';
import { connectionText } from '../../src/modules/path/path.repository.js';
import { lineageText } from '../../src/modules/lineage/lineage.repository.js';
import { neighbourhoodText } from '../../src/modules/neighbourhood/neighbourhood.repository.js';
import { timelineText } from '../../src/modules/timeline/timeline.repository.js';
import { testExecutor } from '../support/graph.js';

const executor = testExecutor();
afterAll(() => executor.close());

class Rollback extends Error {
  constructor(readonly rows: Row[][]) {
    super('rollback');
  }
}

/** Runs the reads with every relation retired (or as stored, when `retire` is false), then rolls back. */
async function readWith(retire: boolean, reads: ((tx: WriteTransaction) => Promise<Row[]>)[]): Promise<Row[][]> {
  const failure = await executor
    .write('test/retired-relations', async (tx) => {
      if (retire) await tx.runText('test/retire-every-relation', 'MATCH ()-[r]->() SET r.retired = true');
      const rows: Row[][] = [];
      for (const read of reads) rows.push(await read(tx));
      throw new Rollback(rows);
    })
    .catch((e: unknown) => e);
  if (!(failure instanceof Rollback)) throw failure;
  return failure.rows;
}

const text = (statement: string, params: Record<string, unknown>) => (tx: WriteTransaction) => tx.runText('test/retired-relations', statement, params);

const reads = [
  text(timelineText({ countries: true, kinds: false, from: false, to: false, statedOnly: false, total: true }), { countries: ['country:viet-nam', 'country:thailand', 'country:cambodia', 'country:lao-pdr', 'country:myanmar', 'country:china'], skip: 0, limit: 100 }),
  (tx: WriteTransaction) => tx.run('queries/relation/relations-of', { ids: ['instrument:spa-2', 'meeting:imm-2', 'country:viet-nam'], types: null, direction: 'both', perNode: 100 }),
  text(lineageText('BOTH', 10), { id: 'instrument:spa-3', kinds: ['SUCCEEDS', 'BASED_ON', 'DEVELOPED_UNDER', 'IMPLEMENTS', 'REAFFIRMS', 'MERGES', 'EXPANDS', 'RETITLES'] }),
  text(connectionText(true, 8), { from: 'instrument:mou-2004/article-31', to: 'meeting:imm-2', exclude: [], limit: 5 }),
  text(neighbourhoodText(3, null, false), { id: 'instrument:spa-2', limit: 150, cap: 3000, kinds: null }),
  ...(['all', 'meeting', 'instrument', 'article'] as const).map((s) =>
    text(adoptionsText({ meeting: s === 'meeting', instrument: s === 'instrument', article: s === 'article', relations: false, statedOnly: false, total: true }), {
      ids: [],
      meeting: 'meeting:imm-2',
      instrument: 'instrument:spa-2',
      article: 'instrument:mou-2004/article-31',
      skip: 0,
      limit: 100,
    }),
  ),
];

/** What each read reached through relations: events, relation rows, steps, paths, neighbours, adoptions. */
function reached(rows: Row[][]): number[] {
  const [timeline, relations, lineage, connection, neighbourhood, ...adoptions] = rows;
  return [
    Number(timeline![0]!.total),
    relations!.length,
    (lineage![0]!.steps as unknown[]).length,
    (connection![0]!.paths as unknown[]).length,
    (neighbourhood![0]!.hops as unknown[][]).flat().length,
    ...adoptions.map((a) => Number(a[0]!.total)),
  ];
}

describe('no read follows a retired relation', () => {
  it('reaches something through live relations (so the check below can fail)', async () => {
    const live = reached(await readWith(false, reads));
    for (const n of live) expect(n).toBeGreaterThan(0);
  });

  it('reaches nothing once every relation is retired (timeline country filter, relations, lineage, path, neighbourhood, adoptions)', async () => {
    expect(reached(await readWith(true, reads))).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});
