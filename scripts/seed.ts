/**
 * `npm run seed`: validates data/commit-about.yaml and imports it under the curation rules, in one
 * transaction with an audit record per record written: into an empty graph it loads everything; into a
 * graph that holds it, it changes nothing; a stored record that differs is refused (CONFLICT), never
 * overwritten. Uses NEO4J_URI when set; otherwise the embedded Neo4j of a running `npm start`, or starts
 * it for the load.
 */
import os from 'node:os';
import { curatedFile } from '../src/bundle/load.js';
import { readBundleFile } from '../src/bundle/validate.js';
import { CurationRepository } from '../src/modules/curation/curation.repository.js';
import { connect } from './db-connect.js';

const { executor, close } = await connect();
let code = 0;
try {
  const result = await new CurationRepository(executor).importBundle(readBundleFile(curatedFile), { name: `cli:${os.userInfo().username}`, role: 'admin' }, { readFiles: true });
  console.log(`curated data: ${result.changed} record(s) written, ${result.unchanged} already stored${result.changeId ? ` (audit ${result.changeId})` : ''}`);
} catch (error) {
  const problems = (error as { extensions?: { problems?: { record: string; field: string; reason: string }[] } }).extensions?.problems;
  console.error((error as Error).message);
  for (const p of problems ?? []) console.error(`  ${p.record}  ${p.field}: ${p.reason}`);
  code = 1;
} finally {
  await close();
}
process.exit(code);
