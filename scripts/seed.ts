/**
 * `npm run seed`: validates data/commit-about.yaml and imports it under the curation rules, in one
 * transaction with an audit record per record written: into an empty graph it loads everything; into a
 * graph that holds it, it changes nothing; a stored record that differs is refused (CONFLICT), never
 * overwritten. Uses NEO4J_URI when set; otherwise the embedded Neo4j of a running `npm start`, or starts
 * it for the load.
 */
import { curatedFile } from '../src/bundle/load.js';
import { readBundleFile } from '../src/bundle/source-files.js';
import { CurationRepository } from '../src/modules/curation/curation.repository.js';
import { cliActor, runMain } from './cli.js';
import { connect } from './db-connect.js';

async function main(): Promise<void> {
  const { executor, config, close } = await connect();
  try {
    const result = await new CurationRepository(executor).importBundle(readBundleFile(curatedFile), cliActor(), { readFiles: true, maxSourceBytes: config.maxSourceBytes });
    console.log(`curated data: ${result.changed} record(s) written, ${result.unchanged} already stored${result.changeId ? ` (audit ${result.changeId})` : ''}`);
  } finally {
    await close();
  }
}

await runMain(main);
