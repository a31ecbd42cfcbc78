/**
 * `npm run seed`: validates data/commit-about.yaml and loads it in one transaction (MERGE; idempotent).
 * Uses NEO4J_URI when set; otherwise the embedded Neo4j of a running `npm start`, or starts it for the load.
 */
import { seedCurated } from '../src/bundle/load.js';
import { BundleError } from '../src/bundle/validate.js';
import { connect } from './db-connect.js';

const { executor, close } = await connect();
let code = 0;
try {
  const counts = await seedCurated(executor);
  console.log(`loaded the curated data: ${counts.nodes} entities, ${counts.relations} relations, ${counts.sources} source(s)`);
} catch (error) {
  console.error(error instanceof BundleError ? error.message : error);
  code = 1;
} finally {
  await close();
}
process.exit(code);
