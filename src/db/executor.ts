/**
 * The only module that talks to neo4j-driver at query time. It owns the driver, runs named Cypher
 * files from cypher/ (reads as auto-commit statements, writes in managed transactions) with a timeout
 * and metadata, converts records to
 * plain objects, counts round trips per request (for the N+1 guard) and maps driver failures to the
 * API's error codes. Nothing else opens sessions.
 */
import fs from 'node:fs';
import path from 'node:path';
import neo4j, { Neo4jError, type Driver, type ManagedTransaction, type QueryResult, type RecordShape } from 'neo4j-driver';
import { projectRoot } from '../config.js';
import { DatabaseError, ErrorCode } from '../errors.js';
import { ColdStatementGate } from './cold-start.js';
import { logger } from '../logger.js';

export type Params = Record<string, unknown>;
export type Row = Record<string, unknown>;

export interface ExecutorOptions {
  uri: string;
  user?: string;
  password?: string;
  database?: string;
  queryTimeoutMs: number;
  connectionTimeoutMs: number;
}

/** Counts statements sent to the database; one per request context. */
export class RoundTripCounter {
  count = 0;
  /** Names of the statements sent, in order. */
  readonly statements: string[] = [];
}

const cypherDir = path.join(projectRoot, 'cypher');
const statementCache = new Map<string, string>();

/** Loads `cypher/<name>.cypher` once. Names look like `queries/node-by-ids`. */
export function cypher(name: string): string {
  let text = statementCache.get(name);
  if (text === undefined) {
    text = fs.readFileSync(path.join(cypherDir, `${name}.cypher`), 'utf8');
    statementCache.set(name, text);
  }
  return text;
}

const unavailableCodes = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.TransientError.General.DatabaseUnavailable',
  'Neo.ClientError.Database.DatabaseNotFound',
]);

function isTimeout(code: string): boolean {
  return code.includes('TransactionTimedOut') || code.includes('Transaction.TransactionTimedOutClientConfiguration') || code === 'Neo.ClientError.Transaction.TransactionTimedOut';
}

/** A failure worth one more try of an idempotent read (the driver's own test: transient, or a lost connection). */
export function isRetryable(error: unknown): boolean {
  if (error instanceof Neo4jError) return error.retryable && !isTimeout(error.code);
  return false;
}

/** Maps a driver error to a DatabaseError, or returns the original for programming errors. */
export function classify(error: unknown): unknown {
  const code = typeof error === 'object' && error && 'code' in error ? String((error as { code: unknown }).code) : '';
  const message = error instanceof Error ? error.message : '';
  if (unavailableCodes.has(code) || /connection acquisition timed out|Could not perform discovery|Pool is closed|ECONNREFUSED|ECONNRESET|EPIPE|connection (was )?(closed|lost|reset|terminated)|socket (hang up|closed|disconnected)|Failed to (connect|receive|write)|closed by server/i.test(message)) {
    logger.warn({ neo4jCode: code, reason: message.slice(0, 200) }, 'database unavailable');
    return new DatabaseError(ErrorCode.DatabaseUnavailable, 'The graph database is unavailable; try again shortly.');
  }
  if (isTimeout(code) || /terminated.*timeout|timed out/i.test(message)) {
    return new DatabaseError(ErrorCode.DatabaseTimeout, 'The query took longer than the allowed time and was stopped.');
  }
  if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return new DatabaseError(ErrorCode.Conflict, 'The change conflicts with an existing record (a unique id is already taken).');
  }
  return error;
}

function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(toPlain);
  if (neo4j.isInt(value)) return (value as { toNumber(): number }).toNumber();
  if (typeof value === 'object') {
    const v = value as Record<string, unknown> & { constructor?: { name?: string } };
    if (neo4j.isDate(v) || neo4j.isDateTime(v) || neo4j.isLocalDateTime(v)) return v.toString();
    if ('properties' in v && ('labels' in v || 'type' in v) && 'elementId' in v) {
      return { ...(toPlain(v.properties) as object), ...('labels' in v ? { _labels: v.labels } : { _type: v.type }) };
    }
    const out: Record<string, unknown> = {};
    for (const [k, inner] of Object.entries(v)) out[k] = toPlain(inner);
    return out;
  }
  return value;
}

/** JS numbers that are integers travel as Cypher INTEGERs (LIMIT, SKIP, stored counts), not floats. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the driver's parameter type is `any`
export function toParams(value: unknown): any {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return neo4j.int(value);
  if (Array.isArray(value)) return value.map(toParams);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toParams(v);
    return out;
  }
  return value;
}

function rows(result: QueryResult<RecordShape>): Row[] {
  return result.records.map((record) => toPlain(record.toObject()) as Row);
}

export class Executor {
  readonly driver: Driver;
  private readonly database: string | undefined;
  private readonly timeoutMs: number;
  /** First runs of a statement after a (re)start go one at a time (see cold-start.ts). */
  private readonly coldStart = new ColdStatementGate();

  constructor(options: ExecutorOptions) {
    this.driver = neo4j.driver(
      options.uri,
      options.user ? neo4j.auth.basic(options.user, options.password ?? '') : neo4j.auth.basic('neo4j', 'neo4j'),
      {
        // Opening a connection to a dead server fails fast (refused, or connectionTimeout); waiting for a
        // pooled connection under load is allowed longer so a busy pool is not mistaken for an outage.
        connectionAcquisitionTimeout: Math.max(options.connectionTimeoutMs, options.queryTimeoutMs),
        connectionTimeout: options.connectionTimeoutMs,
        maxTransactionRetryTime: options.connectionTimeoutMs,
        disableLosslessIntegers: true,
        maxConnectionPoolSize: 100,
        userAgent: 'commit-knowledge-graph/0.1',
      },
    );
    this.database = options.database;
    this.timeoutMs = options.queryTimeoutMs;
  }

  private session(mode: 'READ' | 'WRITE') {
    return this.driver.session({
      database: this.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
  }

  private txConfig(name: string) {
    return { timeout: this.timeoutMs, metadata: { app: 'commit-kg', query: name } };
  }

  /** Runs one named read statement (auto-commit, READ access mode: routable to cluster followers). */
  async read(name: string, params: Params = {}, counter?: RoundTripCounter, timeoutMs?: number): Promise<Row[]> {
    return this.readText(name, cypher(name), params, counter, timeoutMs);
  }

  /**
   * Runs literal Cypher text (already parameterised) as one auto-commit read: a single RUN/PULL round
   * trip instead of BEGIN, RUN/PULL, COMMIT. Reads are idempotent, so a retryable failure (a transient
   * error, a dropped pooled connection) is tried once more; anything else is classified and thrown.
   * `timeoutMs` shortens the statement's server-side timeout (path and neighbourhood searches).
   */
  async readText(name: string, text: string, params: Params = {}, counter?: RoundTripCounter, timeoutMs = this.timeoutMs): Promise<Row[]> {
    if (counter) {
      counter.count += 1;
      counter.statements.push(name);
    }
    const parameters = toParams(params);
    const config = { timeout: Math.min(timeoutMs, this.timeoutMs), metadata: { app: 'commit-kg', query: name } };
    return this.coldStart.run(text, async () => {
      for (let attempt = 1; ; attempt++) {
        const session = this.session('READ');
        try {
          return rows(await session.run(text, parameters, config));
        } catch (error) {
          if (attempt === 1 && isRetryable(error)) {
            logger.warn({ query: name, neo4jCode: (error as { code?: unknown }).code }, 'retrying a read after a retryable error');
            continue;
          }
          throw this.lost(classify(error));
        } finally {
          await session.close();
        }
      }
    });
  }

  /** A lost database takes its plan cache with it: statements are cold again when it returns. */
  private lost(error: unknown): unknown {
    if (error instanceof DatabaseError && error.code === ErrorCode.DatabaseUnavailable) this.coldStart.reset();
    return error;
  }

  /** Runs a unit of work in one write transaction: all of it commits or none of it does. */
  async write<T>(name: string, work: (tx: ManagedTransaction) => Promise<T>, timeoutMs = this.timeoutMs): Promise<T> {
    const session = this.session('WRITE');
    try {
      return await session.executeWrite(work, { timeout: timeoutMs, metadata: { app: 'commit-kg', query: name } });
    } catch (error) {
      throw classify(error);
    } finally {
      await session.close();
    }
  }

  /** Runs one named statement that must not be in an explicit transaction (schema changes). */
  async autoCommit(text: string, params: Params = {}): Promise<Row[]> {
    const session = this.session('WRITE');
    try {
      return rows(await session.run(text, toParams(params), { timeout: this.timeoutMs }));
    } catch (error) {
      throw classify(error);
    } finally {
      await session.close();
    }
  }

  /** Database reachability and version, for /health. Never throws. */
  async ping(): Promise<{ ok: true; version: string; edition: string } | { ok: false; error: string }> {
    try {
      const [row] = await this.readText('health', 'CALL dbms.components() YIELD versions, edition RETURN versions[0] AS version, edition');
      return { ok: true, version: String(row?.version ?? 'unknown'), edition: String(row?.edition ?? 'unknown') };
    } catch (error) {
      const classified = classify(error);
      return { ok: false, error: classified instanceof DatabaseError ? classified.message : 'The graph database did not answer.' };
    }
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}

/** Runs one named statement inside a write unit of work (see Executor.write). */
export async function runIn(tx: ManagedTransaction, name: string, params: Params = {}): Promise<Row[]> {
  return rows(await tx.run(cypher(name), toParams(params)));
}

export type { ManagedTransaction };
