/** Test access to the suite's real Neo4j and to the GraphQL schema executed in-process. */
import { afterAll, beforeAll, inject } from 'vitest';
import type { ApolloServer } from '@apollo/server';
import neo4j, { type Config as DriverConfig, type Driver } from 'neo4j-driver';
import { loadConfig, type Config } from '../../src/config.js';
import { createContext, type Context } from '../../src/context.js';
import { driverConfig, Executor } from '../../src/db/executor.js';
import { createApp, listen, type App } from '../../src/server.js';

/**
 * A read that cannot finish within any test's patience: 10^10 rows. Neo4j stops a statement past its
 * timeout on the tick of a background monitor (`db.transaction.monitor.check.interval`, 2 s by default),
 * so a statement that merely takes a second or two can finish before it is stopped; this one cannot.
 */
export const SLOW_STATEMENT = 'UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b WITH a + b AS s WHERE s < 0 RETURN count(s) AS n';

/** The tests' statement and connection timeouts. */
export const TEST_TIMEOUTS = { queryTimeoutMs: 30_000, connectionTimeoutMs: 5_000 };

export function testExecutor(): Executor {
  return new Executor({ uri: inject('neo4jUri'), user: inject('neo4jUser'), password: inject('neo4jPassword'), ...TEST_TIMEOUTS });
}

/**
 * A bare driver to the suite's database, for what an executor does not give back (a statement's plan or
 * notifications); this server's driver settings unless `config` says otherwise. The caller closes it.
 */
export function testDriver(config: DriverConfig = driverConfig(TEST_TIMEOUTS)): Driver {
  return neo4j.driver(inject('neo4jUri'), neo4j.auth.basic(inject('neo4jUser'), inject('neo4jPassword')), config);
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  // Every query graphql-jit may compile runs compiled from its first execution, as repeated queries do in service (graphql-js runs the rest: test/unit/compiled-execution.test.ts).
  return { ...loadConfig({ NODE_ENV: 'test' }), port: 0, host: '127.0.0.1', compile: { after: 1, budgetMsPerSecond: 1000 }, ...overrides };
}

/** A JSON value, as a GraphQL response holds it. */
export type Json = string | number | boolean | null | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

/**
 * A response; TData is the shape of the selection when the test reads into it (a test states the fields it
 * reads, e.g. `run<{ node: { aliases: string[] } }>(...)`), plain JSON when it only compares whole values.
 */
export interface GraphQLResult<TData = JsonObject> {
  data?: TData | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** Runs an operation through Apollo Server in-process; returns the result and the database round trips it cost. */
export async function execute<TData = JsonObject>(
  apollo: ApolloServer<Context>,
  executor: Executor,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResult<TData> & { roundTrips: number; statements: string[] }> {
  const context = createContext(executor, 'test');
  const response = await apollo.executeOperation({ query, variables }, { contextValue: context });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return { ...(response.body.singleResult as GraphQLResult<TData>), roundTrips: context.counter.count, statements: context.counter.statements };
}

export async function testApollo(executor: Executor) {
  const app = await createApp(testConfig(), executor);
  return app;
}

export interface SharedApp {
  readonly executor: Executor;
  readonly app: App;
  /** `http://127.0.0.1:<port>` when the app listens. */
  readonly base: string;
  /** Runs an operation in-process (see execute). */
  run<TData = JsonObject>(query: string, variables?: Record<string, unknown>): ReturnType<typeof execute<TData>>;
}

/**
 * The set-up of a test file on the suite's shared graph: an executor and the app on it, started before
 * the file's tests (listening on a free loopback port with `listen`) and closed after them.
 */
export function sharedApp(options: { listen?: boolean } = {}): SharedApp {
  const executor = testExecutor();
  let app: App | undefined;
  let base: string | undefined;
  beforeAll(async () => {
    app = await createApp(testConfig(), executor);
    if (options.listen) base = `http://127.0.0.1:${await listen(app.httpServer, 0, '127.0.0.1')}`;
  });
  afterAll(async () => {
    await app?.apollo.stop();
    await executor.close();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is set in beforeAll (sharedApp${what === 'base' ? ' with listen' : ''})`);
    return value;
  };
  return {
    executor,
    get app() {
      return started(app, 'app');
    },
    get base() {
      return started(base, 'base');
    },
    run: (query, variables) => execute(started(app, 'app').apollo, executor, query, variables),
  };
}

/** The shapes tests read most often from a response. */
export interface Ref {
  id: string;
}
export interface Named {
  name: string;
}
/** A connection's edges, as far as a test reads them. */
export interface Edges<TNode> {
  edges: { node: TNode }[];
}
