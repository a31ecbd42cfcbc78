/**
 * Every setting the service reads from the environment, in one place, validated once at start.
 * The README's configuration table mirrors this file.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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
}

export interface Config {
  port: number;
  host: string;
  production: boolean;
  logLevel: string;
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
}

export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}; got "${raw}".`);
  }
  return value;
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
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'warn' : 'info'),
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
    },
    queryTimeoutMs: int(env, 'QUERY_TIMEOUT_MS', 10_000, 100),
    connectionTimeoutMs: int(env, 'DB_CONNECTION_TIMEOUT_MS', 3_000, 100),
    seedOnEmpty: env.SEED_ON_EMPTY !== 'false',
    trustProxy: trustProxy(env.TRUST_PROXY),
  };
}
