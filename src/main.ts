/**
 * `npm start`: runs the service until SIGINT/SIGTERM, then stops the HTTP server, the driver and the
 * embedded Neo4j (the JVM also exits by itself if this process dies: it watches its stdin).
 */
import { loadConfig } from './config.js';
import { AppError, StartupError } from './errors.js';
import { logger } from './logger.js';
import { startService, type Service } from './service.js';

let service: Service | undefined;

async function shutdown(signal: string, code = 0): Promise<void> {
  logger.info({ signal }, 'shutting down');
  await service?.stop().catch((err) => logger.error({ err }, 'error while stopping'));
  process.exit(code);
}

process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.on('uncaughtException', (err) => {
  logger.fatal({ err }, 'uncaught exception');
  void shutdown('uncaughtException', 1);
});

try {
  const config = loadConfig();
  // Under tsx every stack trace is mapped through source maps when it is formatted. neo4j-driver formats
  // one per result (reads now start without it: `untraced` in src/db/executor.ts; writes still do), and
  // each GraphQL error has one; that mapping was about a tenth of a small request's CPU (bench/README.md,
  // "the HTTP layer"). Production logs keep files and function names, without mapped line numbers.
  if (config.production) process.setSourceMapsEnabled(false);
  service = await startService(config);
} catch (error) {
  // StartupError: a setting, the port, Neo4j or a migration; AppError: the curated data file was refused.
  const known = error instanceof StartupError || error instanceof AppError;
  // A clear sentence for the expected failures; the full error only for the unexpected ones.
  console.error(known ? `Cannot start: ${(error as Error).message}` : error);
  process.exit(1);
}
