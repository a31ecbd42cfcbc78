/** Structured JSON logs (pino). Secrets never go in: the Neo4j password is not logged anywhere. */
import { pino } from 'pino';

export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info'),
  base: { service: 'commit-kg' },
  redact: ['password', '*.password', 'headers.authorization', 'req.headers.authorization'],
});

export type Logger = typeof logger;
