/**
 * `npm run import -- FILE.json|FILE.yaml` or `npm run import -- --nodes nodes.csv --relations relations.csv`
 * Validates the whole bundle first (every quote against its source), then applies it in one transaction
 * with a progress bar; any invalid record refuses all of it with the list of problems, and nothing changes.
 * CSV columns are src/bundle/csv.ts's; one row per quote; cited sources must already be registered.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { fromCsv } from '../src/bundle/csv.js';
import { readBundleFile } from '../src/bundle/source-files.js';
import { CurationRepository } from '../src/modules/curation/curation.repository.js';
import { cliActor, runMain } from './cli.js';
import { connect } from './db-connect.js';

const read = (file: string | undefined) => (file === undefined ? undefined : fs.readFileSync(file, 'utf8'));

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { nodes: { type: 'string' }, relations: { type: 'string' } } });
  const file = positionals[0];
  if (!file && !values.nodes && !values.relations) {
    console.error('usage: npm run import -- FILE.json|FILE.yaml  or  npm run import -- --nodes nodes.csv --relations relations.csv');
    return 2;
  }
  const bundle = file ? readBundleFile(file) : fromCsv(read(values.nodes), read(values.relations));
  const { executor, config, close } = await connect();
  const bar = new SingleBar({ format: 'importing [{bar}] {percentage}% | {value}/{total} records', hideCursor: true }, Presets.shades_classic);
  try {
    let started = false;
    const result = await new CurationRepository(executor).importBundle(bundle, cliActor(), {
      // The command line may name source files (only inside data/sources/); the API never can.
      readFiles: true,
      maxSourceBytes: config.maxSourceBytes,
      onProgress: (done, total) => {
        if (!started) bar.start(total, 0);
        started = true;
        bar.update(done);
      },
    });
    bar.stop();
    console.log(result.changeId ? `imported ${result.sources} source(s), ${result.nodes} entities, ${result.relations} relations in one transaction: ${result.changed} changed, ${result.unchanged} unchanged (audit ${result.changeId})` : `nothing to change: all ${result.unchanged} records are already stored as given`);
    return 0;
  } finally {
    bar.stop();
    await close();
  }
}

await runMain(main);
