/**
 * Starts the whole service: the database (embedded unless NEO4J_URI is set), migrations, the curated
 * data when the graph is empty, and the HTTP server. `stop()` undoes all of it in reverse order.
 */
import { seedCurated, countGraph } from './bundle/load.js';
import type { Config } from './config.js';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from './db/embedded.js';
import { Executor } from './db/executor.js';
import { migrate } from './db/migrations.js';
import { logger } from './logger.js';
import { createApp, listen } from './server.js';

export interface Service {
  url: string;
  port: number;
  executor: Executor;
  embedded: EmbeddedNeo4j | undefined;
  stop(): Promise<void>;
}

async function waitForDatabase(executor: Executor, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ping = await executor.ping();
    if (ping.ok) return;
    if (Date.now() > deadline) throw new Error(`Neo4j did not answer within ${timeoutMs / 1000}s: ${ping.error}`);
    logger.info('waiting for Neo4j to answer');
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export async function startService(config: Config): Promise<Service> {
  let embedded: EmbeddedNeo4j | undefined;
  let connection = config.external;
  if (!connection) {
    logger.info({ port: config.embedded.port, dataDir: config.embedded.dataDir }, 'starting embedded Neo4j');
    embedded = await startEmbeddedNeo4j(config.embedded, (message) => logger.info(message));
    connection = { uri: embedded.uri, user: embedded.user, password: embedded.password, database: undefined };
  }
  const executor = new Executor({
    uri: connection.uri,
    user: connection.user,
    password: connection.password,
    database: connection.database,
    queryTimeoutMs: config.queryTimeoutMs,
    connectionTimeoutMs: config.connectionTimeoutMs,
  });
  try {
    await waitForDatabase(executor, 60_000);
    const migrations = await migrate(executor);
    logger.info({ applied: migrations.applied, level: migrations.level }, 'migrations applied');
    const before = await countGraph(executor);
    if (before.nodes === 0 && config.seedOnEmpty) {
      const counts = await seedCurated(executor);
      logger.info(counts, 'graph was empty: loaded the curated COMMIT data');
    } else {
      logger.info(before, 'graph holds data');
    }
    const { httpServer, apollo } = await createApp(config, executor);
    const port = await listen(httpServer, config.port, config.host);
    const url = `http://localhost:${port}`;
    logger.info({ graphql: `${url}/graphql`, explore: `${url}/explore`, health: `${url}/health` }, 'COMMIT knowledge graph is serving');
    let stopped: Promise<void> | undefined;
    return {
      url,
      port,
      executor,
      embedded,
      stop: () =>
        (stopped ??= (async () => {
          await apollo.stop().catch(() => {});
          await executor.close().catch(() => {});
          await embedded?.stop();
        })()),
    };
  } catch (error) {
    await executor.close().catch(() => {});
    await embedded?.stop();
    throw error;
  }
}
