/** Structured JSON logs (pino). Secrets never go in: the Neo4j password is not logged anywhere. */
import { pino } from 'pino';
import { logLevel } from './config.js';

export const logger = pino({
  level: logLevel(),
  base: { service: 'commit-kg' },
  redact: ['password', '*.password', 'headers.authorization', 'req.headers.authorization'],
});

export type Logger = typeof logger;
