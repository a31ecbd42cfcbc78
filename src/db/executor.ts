/**
 * The only module that talks to neo4j-driver. It owns the driver (private), runs the named Cypher files
 * of cypher/queries/ (loaded once, when this module loads) with a timeout and metadata, converts each
 * record once into a plain row, and maps driver failures to the API's error codes (errors.ts).
 *
 * Reads are auto-commit statements (one retry on a retryable failure); writes run in one managed
 * transaction through `WriteTransaction`, which runs named statements only. `forRequest` gives each
 * request a view of the executor holding its statement counter (for the N+1 guard and the request log)
 * and its request id, sent as transaction metadata. Cypher text is logged at debug level.
 */
import fs from 'node:fs';
import path from 'node:path';
import neo4j, { Neo4jError, error as driverError, isDate, isDateTime, isLocalDateTime, isNode, isRelationship, type Config, type Driver, type ManagedTransaction, type Record as DriverRecord, type QueryResult } from 'neo4j-driver';
import { projectRoot } from '../config.js';
import { DatabaseError, ErrorCode } from '../errors.js';
import { ColdStatementGate } from './cold-start.js';
import { compactCypher } from './compact.js';
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

/** Counts statements sent to the database; one per request (see Executor.forRequest). */
export class RoundTripCounter {
  count = 0;
  /** Names of the statements sent, in order. */
  readonly statements: string[] = [];

  add(name: string): void {
    this.count += 1;
    this.statements.push(name);
  }
}

const queriesDir = path.join(projectRoot, 'cypher', 'queries');

/**
 * A statement's text without its whole-line `//` comments (the files' documentation): the templates and
 * their marker replacements see only code (a marker named in the documentation is never filled in there),
 * and the statement caches hold only code. Template section markers (`// @NAME`) stay for
 * src/db/template.ts. What is sent is the wire form (compact.ts), without any comment.
 */
export function withoutCommentLines(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^\s*\/\/(?! @[A-Z_]+$)/.test(line))
    .join('\n');
}

/** Every `cypher/queries/<concept>/<name>.cypher`, read once, keyed `queries/<concept>/<name>`. */
function loadStatements(dir: string): Map<string, string> {
  const statements = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith('.cypher')) continue;
    const name = `queries/${entry.slice(0, -'.cypher'.length).split(path.sep).join('/')}`;
    statements.set(name, withoutCommentLines(fs.readFileSync(path.join(dir, entry), 'utf8')));
  }
  return statements;
}

const statements = loadStatements(queriesDir);

/** The text of a named statement, e.g. `queries/entity/nodes-by-ids`. An unknown name is a programming error. */
export function cypher(name: string): string {
  const text = statements.get(name);
  if (text === undefined) throw new Error(`No statement cypher/${name}.cypher.`);
  return text;
}

/** Server codes (and the driver's own connection codes) that mean the database cannot be reached. */
const unavailableCodes = new Set<string>([
  driverError.SERVICE_UNAVAILABLE,
  driverError.SESSION_EXPIRED,
  // The driver's own code when a connection breaks mid-protocol: a server killed while a statement is in
  // flight answers "Failed to connect to server ... Caused by: read ECONNRESET" with this code (GQL 50N42).
  driverError.PROTOCOL_ERROR,
  'Neo.TransientError.General.DatabaseUnavailable',
  'Neo.ClientError.Database.DatabaseNotFound',
]);

const timeoutCodes = new Set<string>([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
]);

/** The code the driver gives errors it raises itself without a server or connection code. */
const NO_CODE = 'N/A';

/**
 * A full connection pool: the driver raises it with no code (NO_CODE) and the GQL status of a general
 * exception, so the pool's own sentence is the only thing that tells it apart.
 */
const isAcquisitionTimeout = (error: Neo4jError) => error.code === NO_CODE && error.message.startsWith('Connection acquisition timed out');

/** GQLSTATUS class 08: connection exception (the server or the route to it is gone). */
const isConnectionException = (error: Neo4jError) => error.gqlStatus?.startsWith('08') === true;

const isTimeout = (error: Neo4jError) => timeoutCodes.has(error.code);

/** A failure worth one more try of an idempotent read: the driver's own `retryable`, never a timeout. */
export function isRetryable(error: unknown): boolean {
  return error instanceof Neo4jError && error.retryable && !isTimeout(error);
}

/** Maps a driver error to a DatabaseError; anything else (a programming error) is returned as it is. */
export function classify(error: unknown): unknown {
  if (!(error instanceof Neo4jError)) return error;
  if (unavailableCodes.has(error.code) || isConnectionException(error) || isAcquisitionTimeout(error)) {
    logger.warn({ neo4jCode: error.code, gqlStatus: error.gqlStatus, reason: error.message.slice(0, 200) }, 'database unavailable');
    return new DatabaseError(ErrorCode.DatabaseUnavailable, 'The graph database is unavailable; try again shortly.');
  }
  if (isTimeout(error)) {
    return new DatabaseError(ErrorCode.DatabaseTimeout, 'The query took longer than the allowed time and was stopped.');
  }
  if (error.code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return new DatabaseError(ErrorCode.Conflict, 'The change conflicts with an existing record (a unique id is already taken).');
  }
  return error;
}

/**
 * A driver value as the API's rows hold it, converted in place where it can be (maps and lists are the
 * driver's own fresh objects): integers arrive as numbers (disableLosslessIntegers), temporal values
 * become ISO strings, a node its properties plus `_labels`, a relationship its properties plus `_type`.
 */
function plain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = plain(value[i]);
    return value;
  }
  // Maps first: projections are most of what comes back, and the driver's type checks cost more.
  if (Object.getPrototypeOf(value) === Object.prototype) return plainMap(value as Row);
  if (isNode(value)) return Object.assign(plainMap(value.properties as Row), { _labels: value.labels });
  if (isRelationship(value)) return Object.assign(plainMap(value.properties as Row), { _type: value.type });
  if (isDate(value) || isDateTime(value) || isLocalDateTime(value)) return value.toString();
  return plainMap({ ...(value as Row) });
}

function plainMap(map: Row): Row {
  for (const key of Object.keys(map)) map[key] = plain(map[key]);
  return map;
}

function rowOf(record: DriverRecord): Row {
  const row: Row = {};
  for (const key of record.keys) row[String(key)] = plain(record.get(key));
  return row;
}

const rows = (result: QueryResult): Row[] => result.records.map(rowOf);

/**
 * Each text's wire form (compact.ts), computed once: texts come from the named files and the statement
 * caches, so the same few hundred strings repeat. Bounded: emptied when full.
 */
const wireForms = new Map<string, string>();
const WIRE_FORMS_MAX = 2000;

export function wireForm(text: string): string {
  let wire = wireForms.get(text);
  if (wire === undefined) {
    if (wireForms.size >= WIRE_FORMS_MAX) wireForms.clear();
    wire = compactCypher(text);
    wireForms.set(text, wire);
  }
  return wire;
}

/**
 * Starts a read without the stack trace neo4j-driver captures (and formats) for every result, to put on
 * an error it may throw later (about 4 % of the server's CPU on a small read). Driver errors are
 * classified by their code here (classify), and the API's errors never show a stack.
 */
function untraced<T>(start: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return start();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** Logs a statement's text at debug level (the level is checked first: no object is built otherwise). */
function logCypher(query: string | undefined, requestId: string | undefined, text: string): void {
  if (logger.isLevelEnabled('debug')) logger.debug({ query, requestId, cypher: text }, 'cypher');
}

/** JS numbers that are integers travel as Cypher INTEGERs (LIMIT, SKIP, stored counts), not floats. */
export function toParams(value: unknown): unknown {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return neo4j.int(value);
  if (Array.isArray(value)) return value.map(toParams);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Params = {};
    for (const [k, v] of Object.entries(value)) out[k] = toParams(v);
    return out;
  }
  return value;
}

/** The driver's settings (exported for test/integration/driver-config.test.ts). */
export function driverConfig(options: Pick<ExecutorOptions, 'connectionTimeoutMs' | 'queryTimeoutMs'>): Config {
  return {
    // Opening a connection to a dead server fails fast (refused, or connectionTimeout); waiting for a
    // pooled connection under load is allowed longer so a busy pool is not mistaken for an outage.
    connectionAcquisitionTimeout: Math.max(options.connectionTimeoutMs, options.queryTimeoutMs),
    connectionTimeout: options.connectionTimeoutMs,
    maxTransactionRetryTime: options.connectionTimeoutMs,
    disableLosslessIntegers: true,
    maxConnectionPoolSize: 100,
    userAgent: 'commit-knowledge-graph/0.1',
    // Nothing here reads the server's notifications, and they are not free: a statement that names a
    // property no node has yet (`r.retired`, the date qualifiers) came back with nine "unknown property"
    // warnings (01N52) each time, which the database built and sent and the driver decoded: about 40 % of
    // the driver's CPU for a small read (bench/README.md). EXPLAIN in a Neo4j client still shows them.
    notificationFilter: { minimumSeverityLevel: 'OFF' },
  };
}

/** The driver, its settings and the cold-statement gate: shared by an executor and its request views. */
class Connection {
  readonly driver: Driver;
  readonly database: string | undefined;
  readonly timeoutMs: number;
  /** First runs of a statement after a (re)start go one at a time (see cold-start.ts). */
  readonly coldStart = new ColdStatementGate();

  constructor(options: ExecutorOptions) {
    this.driver = neo4j.driver(options.uri, options.user ? neo4j.auth.basic(options.user, options.password ?? '') : neo4j.auth.basic('neo4j', 'neo4j'), driverConfig(options));
    this.database = options.database;
    this.timeoutMs = options.queryTimeoutMs;
  }

  session(mode: 'READ' | 'WRITE') {
    return this.driver.session({ database: this.database, defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE });
  }
}

/** Statements run inside one write unit of work (see Executor.write): named statements only. */
export class WriteTransaction {
  constructor(
    private readonly tx: ManagedTransaction,
    private readonly requestId: string | undefined,
  ) {}

  /** Runs the named statement `name` (cypher/<name>.cypher) in this transaction. */
  async run(name: string, params: Params = {}): Promise<Row[]> {
    return this.runText(name, cypher(name), params);
  }

  /** Runs Cypher text built from the named statement `name` (see Executor.readText) in this transaction. */
  async runText(name: string, text: string, params: Params = {}): Promise<Row[]> {
    const wire = wireForm(text);
    logCypher(name, this.requestId, wire);
    return rows(await this.tx.run(wire, toParams(params)));
  }

  /** Runs `name` over `records` in batches of UNWIND; `param` names the list. */
  async runBatches(name: string, param: string, records: readonly unknown[], progress?: (written: number) => void, batchSize = 5000): Promise<void> {
    for (let i = 0; i < records.length; i += batchSize) {
      const batch = records.slice(i, i + batchSize);
      await this.run(name, { [param]: batch });
      progress?.(batch.length);
    }
  }
}

export class Executor {
  private readonly connection: Connection;
  /** The request this view serves; undefined for the service's own executor. */
  readonly requestId: string | undefined;
  /** Statements this view sent (a request's count); the service's own executor keeps none. */
  readonly counter: RoundTripCounter | undefined;

  constructor(options: ExecutorOptions);
  /** A request view (see forRequest). */
  constructor(connection: Connection, requestId: string);
  constructor(source: ExecutorOptions | Connection, requestId?: string) {
    this.connection = source instanceof Connection ? source : new Connection(source);
    this.requestId = requestId;
    this.counter = requestId === undefined ? undefined : new RoundTripCounter();
  }

  /** A view of this executor for one request: same driver, its own statement counter, its id in the metadata. */
  forRequest(requestId: string): Executor & { counter: RoundTripCounter; requestId: string } {
    return new Executor(this.connection, requestId) as Executor & { counter: RoundTripCounter; requestId: string };
  }

  private metadata(name: string) {
    return this.requestId === undefined ? { app: 'commit-kg', query: name } : { app: 'commit-kg', query: name, requestId: this.requestId };
  }

  /** Runs one named read statement (auto-commit, READ access mode: routable to cluster followers). */
  async read(name: string, params: Params = {}, timeoutMs?: number): Promise<Row[]> {
    return this.readText(name, cypher(name), params, timeoutMs);
  }

  /**
   * Runs Cypher text built from a named statement (already parameterised) as one auto-commit read: a
   * single RUN/PULL round trip instead of BEGIN, RUN/PULL, COMMIT. Reads are idempotent, so a retryable
   * failure (a transient error, a dropped pooled connection) is tried once more; anything else is
   * classified and thrown. `timeoutMs` shortens the statement's server-side timeout (path and
   * neighbourhood searches). A request view counts the statement on its own counter.
   */
  async readText(name: string, statement: string, params: Params = {}, timeoutMs = this.connection.timeoutMs): Promise<Row[]> {
    this.counter?.add(name);
    const text = wireForm(statement);
    logCypher(name, this.requestId, text);
    const parameters = toParams(params);
    const config = { timeout: Math.min(timeoutMs, this.connection.timeoutMs), metadata: this.metadata(name) };
    return this.connection.coldStart.run(text, async () => {
      for (let attempt = 1; ; attempt++) {
        const session = this.connection.session('READ');
        try {
          return rows(await untraced(() => session.run(text, parameters, config)));
        } catch (error) {
          if (attempt === 1 && isRetryable(error)) {
            logger.warn({ query: name, neo4jCode: (error as Neo4jError).code }, 'retrying a read after a retryable error');
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
    if (error instanceof DatabaseError && error.code === ErrorCode.DatabaseUnavailable) this.connection.coldStart.reset();
    return error;
  }

  /** Runs a unit of work in one write transaction: all of it commits or none of it does. */
  async write<T>(name: string, work: (tx: WriteTransaction) => Promise<T>, timeoutMs = this.connection.timeoutMs): Promise<T> {
    const session = this.connection.session('WRITE');
    try {
      return await session.executeWrite((tx) => work(new WriteTransaction(tx, this.requestId)), { timeout: timeoutMs, metadata: this.metadata(name) });
    } catch (error) {
      throw classify(error);
    } finally {
      await session.close();
    }
  }

  /** Runs one statement that must not be in an explicit transaction (schema changes, migrations). */
  async autoCommit(text: string, params: Params = {}, timeoutMs = this.connection.timeoutMs): Promise<Row[]> {
    logCypher(undefined, this.requestId, text);
    const session = this.connection.session('WRITE');
    try {
      return rows(await session.run(text, toParams(params), { timeout: timeoutMs }));
    } catch (error) {
      throw classify(error);
    } finally {
      await session.close();
    }
  }

  /** The plan Neo4j makes for `text` without running it (EXPLAIN): for tests and the benchmark. */
  async explain(text: string, params: Params = {}): Promise<unknown> {
    const session = this.connection.session('READ');
    try {
      return (await session.run(`EXPLAIN ${text}`, toParams(params), { timeout: this.connection.timeoutMs })).summary.plan;
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
    await this.connection.driver.close();
  }
}
