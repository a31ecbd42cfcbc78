/** `npm run build:neo4j`: fetches Neo4j 5.26 from Maven Central and compiles the embedded launcher. */
import { buildEmbeddedNeo4j } from '../src/db/embedded.js';
import { runMain } from './cli.js';

function main(): void {
  buildEmbeddedNeo4j((m) => console.log(m), process.argv.includes('--force'));
  console.log('embedded Neo4j launcher is built (neo4j/target)');
}

await runMain(main);
