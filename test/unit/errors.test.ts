/** Error classification (driver errors by code, GQL status and retryable), formatError and cursors: no database. */
import { GraphQLError } from 'graphql';
import { Neo4jError, error as driverError } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { classify, isRetryable } from '../../src/db/executor.js';
import { AppError, DatabaseError, ErrorCode, StartupError, apiError, notFound } from '../../src/errors.js';
import { ConfigError } from '../../src/config.js';
import { MigrationError } from '../../src/db/migrations.js';
import { EmbeddedStartError } from '../../src/db/embedded.js';
import { BundleError } from '../../src/bundle/validate.js';
import { formatError } from '../../src/graphql/format-error.js';
import { connectionOf, decodeAfter, encodeCursor, pageSize } from '../../src/graphql/pagination.js';

const neo4jError = (code: string, gqlStatus = '50N42', message = 'x') => new Neo4jError(message, code, gqlStatus, 'description');
const codeOf = (error: unknown) => (error instanceof DatabaseError ? error.code : 'unclassified');

describe('classify: driver errors by their code and GQL status, not their message', () => {
  it('maps lost connections and missing databases to DATABASE_UNAVAILABLE', () => {
    expect(codeOf(classify(neo4jError(driverError.SERVICE_UNAVAILABLE)))).toBe(ErrorCode.DatabaseUnavailable);
    expect(codeOf(classify(neo4jError(driverError.SESSION_EXPIRED)))).toBe(ErrorCode.DatabaseUnavailable);
    // What a statement in flight got when the Neo4j process was killed (database-fault.test.ts).
    expect(codeOf(classify(neo4jError(driverError.PROTOCOL_ERROR, '50N42', 'Failed to connect to server. Caused by: read ECONNRESET')))).toBe(ErrorCode.DatabaseUnavailable);
    expect(codeOf(classify(neo4jError('Neo.TransientError.General.DatabaseUnavailable')))).toBe(ErrorCode.DatabaseUnavailable);
    expect(codeOf(classify(neo4jError('Neo.ClientError.Database.DatabaseNotFound')))).toBe(ErrorCode.DatabaseUnavailable);
    expect(codeOf(classify(neo4jError('N/A', '08N07')))).toBe(ErrorCode.DatabaseUnavailable);
    expect(codeOf(classify(neo4jError('N/A', '50N42', 'Connection acquisition timed out in 3000 ms. Pool status: Active conn count = 100')))).toBe(ErrorCode.DatabaseUnavailable);
  });

  it('maps transaction timeouts to DATABASE_TIMEOUT and unique-constraint failures to CONFLICT', () => {
    expect(codeOf(classify(neo4jError('Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration')))).toBe(ErrorCode.DatabaseTimeout);
    expect(codeOf(classify(neo4jError('Neo.ClientError.Transaction.TransactionTimedOut')))).toBe(ErrorCode.DatabaseTimeout);
    expect(codeOf(classify(neo4jError('Neo.ClientError.Schema.ConstraintValidationFailed', '22N41')))).toBe(ErrorCode.Conflict);
  });

  it('leaves programming errors as they are, whatever their message says', () => {
    const syntax = neo4jError('Neo.ClientError.Statement.SyntaxError', '42001', 'connection lost; timed out');
    expect(classify(syntax)).toBe(syntax);
    const plain = new Error('ECONNREFUSED timed out');
    expect(classify(plain)).toBe(plain);
  });

  it('retries what the driver calls retryable, never a timeout or a client error', () => {
    expect(isRetryable(neo4jError('Neo.TransientError.Transaction.DeadlockDetected'))).toBe(true);
    expect(isRetryable(neo4jError(driverError.SESSION_EXPIRED))).toBe(true);
    expect(isRetryable(neo4jError('Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration'))).toBe(false);
    expect(isRetryable(neo4jError('Neo.ClientError.Statement.SyntaxError', '42001'))).toBe(false);
    expect(isRetryable(new Error('plain'))).toBe(false);
  });
});

describe('error families', () => {
  it('gives every application error a code in extensions, as graphql-js reports it', () => {
    const error = notFound('entity', 'place:x');
    expect(error).toBeInstanceOf(AppError);
    expect(error.extensions).toEqual({ code: 'NOT_FOUND', id: 'place:x' });
    const located = new GraphQLError(error.message, { originalError: error });
    expect(located.extensions).toEqual({ code: 'NOT_FOUND', id: 'place:x' });
    expect(new BundleError([{ record: 'nodes[0]', field: 'id', reason: 'bad' }]).extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ record: 'nodes[0]' }] });
  });

  it('makes every failure to start a StartupError (main.ts prints its sentence)', () => {
    for (const error of [new ConfigError('x'), new MigrationError('x'), new EmbeddedStartError('x')]) expect(error).toBeInstanceOf(StartupError);
  });
});

describe('formatError', () => {
  const format = formatError(false);
  /** What Apollo gives formatError: its formatted error (code defaulted), and the error as thrown. */
  const throughApollo = (thrown: Error, path = ['node']) => {
    const error = new GraphQLError(thrown.message, { originalError: thrown, path });
    const formatted = { message: error.message, path, extensions: { ...error.extensions, code: error.extensions.code ?? 'INTERNAL_SERVER_ERROR' } };
    return format(formatted, error);
  };

  it('keeps an application error with its code and details', () => {
    expect(throughApollo(apiError(ErrorCode.Conflict, 'taken', { id: 'a' }))).toEqual({ message: 'taken', path: ['node'], locations: undefined, extensions: { code: 'CONFLICT', id: 'a' } });
    expect(throughApollo(new DatabaseError(ErrorCode.DatabaseUnavailable, 'down')).extensions).toEqual({ code: 'DATABASE_UNAVAILABLE' });
  });

  it('hides anything unexpected behind INTERNAL_SERVER_ERROR, without its message', () => {
    const out = throughApollo(new Error('secret: bolt://db:7687 password=x'));
    expect(out).toMatchObject({ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(JSON.stringify(out)).not.toMatch(/secret|password/);
  });

  it("passes Apollo's request codes through and turns its token limit into QUERY_TOO_COMPLEX", () => {
    const validation = { message: 'Cannot query field "x".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
    expect(format(validation, new GraphQLError(validation.message))).toMatchObject(validation);
    const tokens = { message: 'Syntax Error: Document contains more than 3000 tokens. Parsing aborted.', extensions: { code: 'GRAPHQL_PARSE_FAILED' } };
    expect(format(tokens, new GraphQLError(tokens.message)).extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'tokens', max: 3000 });
  });

  it('keeps a limit refusal QUERY_TOO_COMPLEX although Apollo relabels it a validation failure', () => {
    const refused = { message: 'The query exceeds the depth limit of 10.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'depth', max: 10 } };
    expect(format(refused, new GraphQLError(refused.message)).extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'depth', max: 10 });
  });

  it('gives a codeless client refusal of Apollo BAD_REQUEST with a sentence', () => {
    const wrongHash = new GraphQLError('provided sha does not match query', { extensions: { http: { status: 400 } } });
    const out = format({ message: wrongHash.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, wrongHash);
    expect(out).toMatchObject({ message: expect.stringMatching(/sha256Hash/), extensions: { code: 'BAD_REQUEST' } });
  });

  it('bounds what client input could make large', () => {
    const problems = Array.from({ length: 30 }, (_, i) => ({ record: `nodes[${i}]`, field: 'id', reason: 'bad' }));
    const out = throughApollo(apiError(ErrorCode.BadUserInput, 'x'.repeat(5000), { problems, id: 'y'.repeat(500) }));
    expect(out.message.length).toBeLessThan(1100);
    expect(out.extensions).toMatchObject({ problemCount: 30 });
    expect((out.extensions!.problems as unknown[]).length).toBe(20);
    expect(String(out.extensions!.id).length).toBeLessThan(200);
  });

  it('keeps the stack trace only when asked to (development)', () => {
    const error = new GraphQLError('boom', { originalError: new Error('boom'), path: ['x'] });
    const formatted = { message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['Error: boom'] } };
    expect(formatError(true)(formatted, error).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', stacktrace: ['Error: boom'] });
  });
});

describe('cursors and pages', () => {
  it('round-trips an offset through an opaque cursor; after a cursor comes the next edge', () => {
    expect(encodeCursor(41)).not.toContain('41');
    expect(decodeAfter(encodeCursor(41))).toBe(42);
    expect(decodeAfter(null)).toBe(0);
    expect(decodeAfter(undefined)).toBe(0);
  });

  it('refuses a cursor it did not issue with BAD_USER_INPUT naming `after`', () => {
    for (const bad of ['nonsense', Buffer.from('offset:-1').toString('base64url'), Buffer.from('offset:1234567890').toString('base64url'), '']) {
      expect(() => decodeAfter(bad), bad).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'after' }) }));
    }
  });

  it('builds a connection whose cursors continue where the page started', () => {
    const page = connectionOf(['c', 'd'], 2, 5);
    expect(page.edges.map((e) => decodeAfter(e.cursor))).toEqual([3, 4]);
    expect(page.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: true, startCursor: encodeCursor(2), endCursor: encodeCursor(3) });
    expect(connectionOf([], 0, 0).pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null });
    expect(() => pageSize(101)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ argument: 'first' }) }));
    expect(pageSize(undefined)).toBe(20);
  });
});
