/**
 * How reads reach the database: auto-commit statements with metadata and a timeout (one retry on a
 * retryable failure), and the number of statements each benchmark operation costs (one per root field).
 */
import { Neo4jError } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseError, ErrorCode } from '../../src/errors.js';
import { isRetryable } from '../../src/db/executor.js';
import type { App } from '../../src/server.js';
import { execute, testApollo, testExecutor } from '../support/graph.js';

const executor = testExecutor();
let app: App;
beforeAll(async () => {
  app = await testApollo(executor);
});
afterAll(async () => {
  await app.apollo.stop();
  await executor.close();
});

describe('reads are auto-commit statements', () => {
  it('tags each read with the statement name in its transaction metadata', async () => {
    const rows = await executor.readText('statements-test/metadata', 'SHOW TRANSACTIONS YIELD metaData, currentQuery WHERE currentQuery STARTS WITH "SHOW TRANSACTIONS" RETURN metaData');
    expect(rows.map((r) => r.metaData)).toContainEqual({ app: 'commit-kg', query: 'statements-test/metadata' });
  });

  it('stops a read at its timeout with DATABASE_TIMEOUT', async () => {
    const started = Date.now();
    const failure = await executor.readText('statements-test/slow', 'UNWIND range(1, 100000000) AS x WITH x WHERE x < 0 RETURN count(x) AS n', {}, undefined, 300).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DatabaseError);
    expect((failure as DatabaseError).code).toBe(ErrorCode.DatabaseTimeout);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('retries transient and connection failures once, never timeouts or client errors', () => {
    expect(isRetryable(new Neo4jError('x', 'Neo.TransientError.Transaction.DeadlockDetected', '50N00', 'x'))).toBe(true);
    expect(isRetryable(new Neo4jError('x', 'SessionExpired', '50N00', 'x'))).toBe(true);
    expect(isRetryable(new Neo4jError('x', 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration', '50N00', 'x'))).toBe(false);
    expect(isRetryable(new Neo4jError('x', 'Neo.ClientError.Statement.SyntaxError', '42000', 'x'))).toBe(false);
    expect(isRetryable(new Error('plain'))).toBe(false);
  });
});
