/**
 * Writes a validated bundle in one write transaction (MERGE by id): all of it or none of it.
 * Loading the same bundle twice leaves the graph as it was.
 */
import path from 'node:path';
import { projectRoot } from '../config.js';
import type { Executor, WriteTransaction } from '../db/executor.js';
import { readBundleFile } from './source-files.js';
import { validateBundle, type ValidBundle } from './validate.js';

export const curatedFile = path.join(projectRoot, 'data', 'commit-about.yaml');

export interface GraphCounts {
  nodes: number;
  relations: number;
  sources: number;
}

export interface WriteOptions {
  /** More work (an audit record) to do in the same transaction. */
  alsoInTransaction?: (tx: WriteTransaction) => Promise<void>;
  /** Called after each batch with records written so far and the total (for a progress bar). */
  onProgress?: (done: number, total: number) => void;
}

/** Writes the bundle in one transaction, in batches of UNWIND: all of it commits or none of it. */
export async function writeBundle(executor: Executor, bundle: ValidBundle, options: WriteOptions = {}): Promise<void> {
  const total = bundle.sources.length + bundle.nodes.length + bundle.relations.length;
  await executor.write('bundle/write', async (tx) => {
    let done = 0;
    const progress = (n: number) => options.onProgress?.((done += n), total);
    await tx.runBatches('queries/bundle/merge-sources', 'sources', bundle.sources, progress);
    await tx.runBatches('queries/bundle/merge-nodes', 'nodes', bundle.nodes, progress);
    await tx.runBatches('queries/bundle/merge-relations', 'relations', bundle.relations, progress);
    await options.alsoInTransaction?.(tx);
  }, 600_000);
}

export async function countGraph(executor: Executor): Promise<GraphCounts> {
  const [row] = await executor.read('queries/bundle/count-graph');
  return { nodes: Number(row?.nodes ?? 0), relations: Number(row?.relations ?? 0), sources: Number(row?.sources ?? 0) };
}

/** Validates and loads the curated data file; throws BundleError (nothing written) when it is invalid. */
export async function seedCurated(executor: Executor, file = curatedFile): Promise<GraphCounts> {
  const bundle = validateBundle(readBundleFile(file));
  await writeBundle(executor, bundle);
  return countGraph(executor);
}
