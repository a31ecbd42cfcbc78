/**
 * Shared by the command-line tools: connects to NEO4J_URI, or to the embedded Neo4j of a running
 * `npm start`, or starts the embedded Neo4j for the duration of the command.
 */
import { loadConfig, type Config } from '../src/config.js';
import { embeddedCredentials, portIsFree, startEmbeddedNeo4j, type EmbeddedNeo4j } from '../src/db/embedded.js';
import { Executor } from '../src/db/executor.js';
import { migrate } from '../src/db/migrations.js';

export async function connect(): Promise<{ executor: Executor; config: Config; close: () => Promise<void> }> {
  const config = loadConfig();
  let embedded: EmbeddedNeo4j | undefined;
  let connection = config.external;
  if (!connection) {
    if (await portIsFree(config.embedded.port)) embedded = await startEmbeddedNeo4j(config.embedded, (m) => console.error(m));
    // A running `npm start` owns the embedded Neo4j: its password is in the same data folder.
    const credentials = embedded ?? embeddedCredentials(config.embedded.dataDir, config.embedded.password);
    connection = { uri: embedded?.uri ?? `bolt://127.0.0.1:${config.embedded.port}`, user: credentials.user, password: credentials.password, database: undefined };
  }
  const executor = new Executor({ ...connection, queryTimeoutMs: 600_000, connectionTimeoutMs: 5000 });
  await migrate(executor);
  return {
    executor,
    config,
    close: async () => {
      await executor.close();
      await embedded?.stop();
    },
  };
}
