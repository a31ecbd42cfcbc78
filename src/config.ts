/**
 * Every setting the service reads from the environment, in one place: `loadConfig` reads and validates
 * them once at start, and the rest of the code is given the Config (tests build one with the settings
 * they need instead of changing process.env). Two settings are needed where no Config reaches, at
 * module load: the log level (logger.ts) and the path search timeout; `logLevel` and `pathTimeoutMs`
 * read those, here too. The README's configuration table mirrors this file.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { StartupError } from './errors.js';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface Neo4jConnection {
  uri: string;
  user: string;
  password: string;
  database: string | undefined;
}

export interface EmbeddedSettings {
  port: number;
  dataDir: string;
  heap: string;
  pageCache: string;
  txTimeout: string;
  startTimeoutMs: number;
  /** NEO4J_PASSWORD: the embedded Neo4j's password; else one generated and kept in `<dataDir>/password`. */
  password?: string | undefined;
  /** NEO4J_PLUGIN_DIR: jars put on the embedded Neo4j's classpath (APOC, for the benchmark only). */
  pluginDir?: string | undefined;
}

/** Query limits checked before any resolver runs (src/graphql/limits.ts). */
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  maxTokens: number;
}

/** When operations run compiled by graphql-jit (src/graphql/compiled-execution.ts). */
export interface CompileSettings {
  /** COMPILE_AFTER: the execution of a query that compiles it (2: its second); 0 never compiles. */
  after: number;
  /** COMPILE_BUDGET_MS: compiling milliseconds allowed per second, all documents together; beyond it, graphql-js runs them. */
  budgetMsPerSecond: number;
}

/** Requests running at once (src/http/rate-limit.ts). */
export interface ConcurrencyLimits {
  /** Requests running at once, all clients together; 0 turns the limit off. */
  slots: number;
  /** Requests one client may have running. */
  perClient: number;
  /** Requests one client may have waiting beyond those. */
  queue: number;
  /** Longest a request waits for a slot before 429. */
  maxWaitMs: number;
}

/** Where the API keys are: API_KEYS (the key file's JSON itself) wins over API_KEYS_FILE. */
export interface KeySettings {
  file: string;
  inline: string | undefined;
}

export interface Config {
  port: number;
  host: string;
  production: boolean;
  /** NODE_ENV=development: stack traces in error responses. */
  development: boolean;
  /** Set when NEO4J_URI is given: an external server, cluster or Aura. */
  external: Neo4jConnection | undefined;
  embedded: EmbeddedSettings;
  /** Per-statement transaction timeout applied by the executor. */
  queryTimeoutMs: number;
  /** How long a request waits for a pooled connection before DATABASE_UNAVAILABLE. */
  connectionTimeoutMs: number;
  seedOnEmpty: boolean;
  /** Express's `trust proxy` (TRUST_PROXY): set it behind a reverse proxy so clients are told apart by their own address. */
  trustProxy: boolean | number | string | undefined;
  /** TRUSTED_OPERATIONS=true: only the operations of persisted-operations.json run. */
  trustedOperations: boolean;
  /** CORS_ORIGINS: comma-separated origins allowed to call /graphql from a browser (`*` for any). */
  corsOrigins: string[];
  /** MAX_BODY_BYTES: largest request body, in express's notation (`100kb`). */
  maxBodyBytes: string;
  /** MAX_SOURCE_BYTES: largest source file the import reads. */
  maxSourceBytes: number;
  apiKeys: KeySettings;
  limits: QueryLimits;
  concurrency: ConcurrencyLimits;
  compile: CompileSettings;
}

/** A setting is missing or malformed: the service does not start. */
export class ConfigError extends StartupError {}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}; got "${raw}".`);
  }
  return value;
}

/** A positive integer, or `fallback` when unset or not one (the query limits have always been lenient). */
function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = Number(env[name] ?? fallback);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

function concurrency(env: NodeJS.ProcessEnv): ConcurrencyLimits {
  const slots = int(env, 'GRAPHQL_CONCURRENCY', 32);
  return { slots, perClient: Math.min(slots, int(env, 'CLIENT_CONCURRENCY', slots)) || slots, queue: int(env, 'CLIENT_QUEUE', 500), maxWaitMs: int(env, 'CLIENT_QUEUE_WAIT_MS', 15_000) };
}

/** LOG_LEVEL, else `warn` under tests and `info` otherwise. */
export function logLevel(env: NodeJS.ProcessEnv = process.env): string {
  return env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'warn' : 'info');
}

/** PATH_TIMEOUT_MS: server-side timeout of one path or neighbourhood statement. */
export function pathTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  return Number(env.PATH_TIMEOUT_MS ?? 2000);
}

function trustProxy(raw: string | undefined): Config['trustProxy'] {
  if (raw === undefined || raw === '') return undefined;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const uri = env.NEO4J_URI?.trim();
  if (uri && !/^(bolt|neo4j)(\+s|\+ssc)?:\/\//.test(uri)) {
    throw new ConfigError(`NEO4J_URI must start with bolt://, neo4j://, bolt+s://, neo4j+s:// (or +ssc); got "${uri}".`);
  }
  const embeddedPort = int(env, 'NEO4J_EMBEDDED_PORT', 7687, 1, 65535);
  return {
    port: int(env, 'PORT', 4000, 0, 65535),
    host: env.HOST ?? '0.0.0.0',
    production: env.NODE_ENV === 'production',
    development: env.NODE_ENV === 'development',
    external: uri
      ? {
          uri,
          user: env.NEO4J_USER ?? 'neo4j',
          password: env.NEO4J_PASSWORD ?? '',
          database: env.NEO4J_DATABASE || undefined,
        }
      : undefined,
    embedded: {
      port: embeddedPort,
      dataDir: path.resolve(projectRoot, env.NEO4J_DATA_DIR ?? '.data/neo4j'),
      heap: env.NEO4J_HEAP ?? '1g',
      pageCache: env.NEO4J_PAGECACHE ?? '512m',
      txTimeout: env.NEO4J_TX_TIMEOUT ?? '30s',
      startTimeoutMs: int(env, 'NEO4J_START_TIMEOUT_MS', 180_000, 1000),
      password: env.NEO4J_PASSWORD || undefined,
      pluginDir: env.NEO4J_PLUGIN_DIR || undefined,
    },
    queryTimeoutMs: int(env, 'QUERY_TIMEOUT_MS', 10_000, 100),
    connectionTimeoutMs: int(env, 'DB_CONNECTION_TIMEOUT_MS', 3_000, 100),
    seedOnEmpty: env.SEED_ON_EMPTY !== 'false',
    trustProxy: trustProxy(env.TRUST_PROXY),
    trustedOperations: env.TRUSTED_OPERATIONS === 'true',
    corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    maxBodyBytes: env.MAX_BODY_BYTES ?? '100kb',
    maxSourceBytes: int(env, 'MAX_SOURCE_BYTES', 10 * 1024 * 1024, 1),
    apiKeys: { file: path.resolve(projectRoot, env.API_KEYS_FILE ?? '.keys.json'), inline: env.API_KEYS || undefined },
    limits: { maxDepth: positive(env, 'MAX_DEPTH', 10), maxAliases: positive(env, 'MAX_ALIASES', 15), maxCost: positive(env, 'MAX_COST', 50_000), maxTokens: positive(env, 'MAX_TOKENS', 3_000) },
    concurrency: concurrency(env),
    compile: { after: int(env, 'COMPILE_AFTER', 2), budgetMsPerSecond: int(env, 'COMPILE_BUDGET_MS', 100, 0, 1000) },
  };
}
