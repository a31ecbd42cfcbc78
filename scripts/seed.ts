/**
 * `npm run seed`: validates data/commit-about.yaml and loads it in one transaction (MERGE; idempotent).
 * Uses NEO4J_URI when set; otherwise the embedded Neo4j of a running `npm start` on NEO4J_EMBEDDED_PORT,
 * or starts the embedded Neo4j for the duration of the load.
 */
import { seedCurated } from '../src/bundle/load.js';
import { BundleError } from '../src/bundle/validate.js';
import { loadConfig } from '../src/config.js';
import { portIsFree, startEmbeddedNeo4j, type EmbeddedNeo4j } from '../src/db/embedded.js';
import { Executor } from '../src/db/executor.js';
import { migrate } from '../src/db/migrations.js';

const config = loadConfig();
let embedded: EmbeddedNeo4j | undefined;
let uri = config.external?.uri;
if (!uri) {
  if (await portIsFree(config.embedded.port)) embedded = await startEmbeddedNeo4j(config.embedded, (m) => console.log(m));
  uri = embedded?.uri ?? `bolt://127.0.0.1:${config.embedded.port}`;
}
const executor = new Executor({ uri, user: config.external?.user, password: config.external?.password, database: config.external?.database, queryTimeoutMs: 120_000, connectionTimeoutMs: 5000 });
let code = 0;
try {
  await migrate(executor);
  const counts = await seedCurated(executor);
  console.log(`loaded the curated data: ${counts.nodes} entities, ${counts.relations} relations, ${counts.sources} source(s)`);
} catch (error) {
  console.error(error instanceof BundleError ? error.message : error);
  code = 1;
} finally {
  await executor.close();
  await embedded?.stop();
}
process.exit(code);
