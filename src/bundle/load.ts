/**
 * Writes a validated bundle in one write transaction (MERGE by id): all of it or none of it.
 * Loading the same bundle twice leaves the graph as it was.
 */
import path from 'node:path';
import { projectRoot } from '../config.js';
import { cypher, toParams, type Executor } from '../db/executor.js';
import { readBundleFile, validateBundle, type ValidBundle } from './validate.js';

export const curatedFile = path.join(projectRoot, 'data', 'commit-about.yaml');

export interface GraphCounts {
  nodes: number;
  relations: number;
  sources: number;
}

const BATCH = 5000;

export async function writeBundle(executor: Executor, bundle: ValidBundle): Promise<void> {
  await executor.write('bundle/write', async (tx) => {
    for (let i = 0; i < bundle.sources.length; i += BATCH) {
      await tx.run(cypher('queries/bundle/merge-sources'), toParams({ sources: bundle.sources.slice(i, i + BATCH) }));
    }
    for (let i = 0; i < bundle.nodes.length; i += BATCH) {
      await tx.run(cypher('queries/bundle/merge-nodes'), toParams({ nodes: bundle.nodes.slice(i, i + BATCH) }));
    }
    for (let i = 0; i < bundle.relations.length; i += BATCH) {
      await tx.run(cypher('queries/bundle/merge-relations'), toParams({ relations: bundle.relations.slice(i, i + BATCH) }));
    }
  }, 120_000);
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
