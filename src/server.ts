/**
 * The HTTP surface: /graphql (Apollo Server, POST and GET), /health, /explore. Errors are formatted in
 * one place (formatError): every error leaves with a code from ErrorCode and no internals.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { GraphQLError, buildASTSchema, type GraphQLFormattedError } from 'graphql';
import { authenticate } from './auth/api-keys.js';
import { RefusalLog, unknownKeyName } from './auth/refusals.js';
import { projectRoot, type Config } from './config.js';
import { createContext, type Context } from './context.js';
import { classify, type Executor } from './db/executor.js';
import { migrationLevel } from './db/migrations.js';
import { DatabaseError, echo, ErrorCode } from './errors.js';
import { dedupeErrorsPlugin } from './graphql/dedupe-errors.js';
import { costPlugin, limitRules, limitsFromEnv, tooComplex } from './graphql/limits.js';
import { resolvers, typeDefs } from './graphql/schema.js';
import { readManifest, trustedOperationsPlugin } from './graphql/trusted-operations.js';
import { editorRoutes } from './http/editor.js';
import { CLIENT_HEADER, statusPlugin } from './http/graphql-status.js';
import { limitsFromEnv as concurrencyFromEnv, perClientConcurrency } from './http/rate-limit.js';
import { exploreRouter } from './http/explore.js';
import { logger } from './logger.js';

const knownCodes = new Set<string>(Object.values(ErrorCode));
/** Codes Apollo and graphql-js assign themselves for malformed requests; passed through as they are. */
const requestCodes = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE']);

/** Longest message and fewest problems an error carries, whatever the input was: errors stay small. */
const MAX_MESSAGE = 1000;
const MAX_PROBLEMS = 20;

/** Cuts what a client input could make large: the message, echoed ids, the list of problems. */
function bounded(error: GraphQLFormattedError): GraphQLFormattedError {
  const message = error.message.length > MAX_MESSAGE ? `${error.message.slice(0, MAX_MESSAGE)}… (cut; ${error.message.length} characters)` : error.message;
  if (!error.extensions) return { ...error, message };
  const extensions: Record<string, unknown> = { ...error.extensions };
  if (typeof extensions.id === 'string') extensions.id = echo(extensions.id);
  if (typeof extensions.argument === 'string') extensions.argument = echo(extensions.argument);
  if (Array.isArray(extensions.problems) && extensions.problems.length > MAX_PROBLEMS) {
    extensions.problemCount ??= extensions.problems.length;
    extensions.problems = extensions.problems.slice(0, MAX_PROBLEMS);
  }
  return { ...error, message, extensions };
}

/** Apollo's own refusals of a malformed request carry an HTTP status below 500 but no code. */
function clientRefusal(error: unknown): string | null {
  const status = (error as { extensions?: { http?: { status?: unknown } } } | null)?.extensions?.http?.status;
  if (typeof status !== 'number' || status >= 500) return null;
  const message = (error as { message?: unknown }).message;
  return message === 'provided sha does not match query'
    ? 'extensions.persistedQuery.sha256Hash is not the SHA-256 of the query sent; send the matching hash, or the query alone.'
    : typeof message === 'string' ? message : 'The request could not be read.';
}

/** Normalises every error a client will see. Must not throw. */
export function formatError(includeStack: boolean) {
  const format = formatErrorUnbounded(includeStack);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => bounded(format(formatted, error));
}

function formatErrorUnbounded(includeStack: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // Unwrap by shape, not instanceof: graphql can be loaded twice (its CJS and ESM builds) under test runners.
    let original: unknown = error;
    while (original && typeof original === 'object' && 'originalError' in original && original.originalError) original = original.originalError;
    const mapped = original instanceof GraphQLError ? original : classify(original);
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
    if (mapped instanceof DatabaseError) {
      return { ...base, message: mapped.message, extensions: { code: mapped.code } };
    }
    // Apollo relabels every validation error GRAPHQL_VALIDATION_FAILED; limit refusals keep their own code.
    if (formatted.extensions?.limit !== undefined) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions;
      return { ...base, extensions: { ...extensions, code: ErrorCode.QueryTooComplex } };
    }
    const code = String(formatted.extensions?.code ?? '');
    if (knownCodes.has(code) && code !== ErrorCode.InternalServerError) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...base, extensions: includeStack ? formatted.extensions : extensions };
    }
    if (code === 'GRAPHQL_PARSE_FAILED' && /tokens/.test(formatted.message)) {
      const max = Number(/more tha[nt] (\d+) tokens/.exec(formatted.message)?.[1] ?? NaN);
      const err = tooComplex('tokens', max, null, `The document has more than ${max} tokens; send a smaller query.`);
      return { message: err.message, extensions: err.extensions };
    }
    if (requestCodes.has(code)) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...base, extensions: includeStack ? formatted.extensions : extensions };
    }
    const refusal = clientRefusal(original);
    if (refusal !== null) return { ...base, message: refusal, extensions: { code: 'BAD_REQUEST' } };
    logger.error({ err: original }, 'unexpected error in a resolver');
    return {
      ...base,
      message: 'Internal server error.',
      extensions: { code: ErrorCode.InternalServerError, ...(includeStack && formatted.extensions?.stacktrace ? { stacktrace: formatted.extensions.stacktrace } : {}) },
    };
  };
}

export interface App {
  app: express.Express;
  httpServer: http.Server;
  apollo: ApolloServer<Context>;
}

const requestLog: ApolloServerPlugin<Context> = {
  async requestDidStart({ contextValue }) {
    const started = Date.now();
    return {
      async willSendResponse({ response, operationName, errors }) {
        logger.info(
          {
            requestId: contextValue.requestId,
            operation: operationName ?? null,
            ms: Date.now() - started,
            dbRoundTrips: contextValue.counter.count,
            errors: errors?.map((e) => e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
            status: response.http.status ?? 200,
          },
          'graphql request',
        );
      },
    };
  },
};

export async function createApp(config: Config, executor: Executor): Promise<App> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  httpServer.requestTimeout = 30_000;
  httpServer.headersTimeout = 10_000;
  const development = process.env.NODE_ENV === 'development';
  const limits = limitsFromEnv();
  const trusted = process.env.TRUSTED_OPERATIONS === 'true';
  const refusals = new RefusalLog(executor);

  const apollo = new ApolloServer<Context>({
    typeDefs,
    resolvers: resolvers as never,
    introspection: !config.production,
    // No "Did you mean …?" in production: with introspection off, suggestions would still leak the schema.
    hideSchemaDetailsFromClientErrors: config.production,
    validationRules: limitRules(limits),
    parseOptions: { maxTokens: limits.maxTokens },
    includeStacktraceInErrorResponses: development,
    formatError: formatError(development),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // The browser page at GET /graphql is our own bundled editor (src/http/editor.ts), not Apollo's CDN Sandbox.
      ApolloServerPluginLandingPageDisabled(),
      // Apollo installs cache control by default: it wraps every field resolver, and no response carries cache hints.
      ApolloServerPluginCacheControlDisabled(),
      requestLog,
      costPlugin(limits),
      dedupeErrorsPlugin(),
      statusPlugin(refusals),
      ...(trusted ? [trustedOperationsPlugin<Context>(readManifest())] : []),
    ],
  });
  await apollo.start();

  // Security headers; the strict content policy in production (every page is served from here, no CDN).
  // No upgrade-insecure-requests: it would turn /explore's requests to https on a plain-HTTP host.
  app.use(helmet({ contentSecurityPolicy: config.production ? { directives: { 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:', 'blob:'], 'upgrade-insecure-requests': null } } : false }));
  const origins = (process.env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  if (origins.length > 0) app.use(cors({ origin: origins.includes('*') ? '*' : origins, methods: ['GET', 'POST'], allowedHeaders: ['content-type', 'authorization', 'x-request-id', 'apollo-require-preflight'] }));
  app.use((req, res, next) => {
    const id = String(req.headers['x-request-id'] ?? crypto.randomUUID()).slice(0, 100);
    req.headers['x-request-id'] = id;
    res.setHeader('x-request-id', id);
    next();
  });

  app.get('/health', async (_req, res) => {
    const db = await executor.ping();
    const level = db.ok ? await migrationLevel(executor).catch(() => null) : null;
    const body = db.ok
      ? { status: 'ok', database: { reachable: true, version: db.version, edition: db.edition }, migrationLevel: level }
      : { status: 'unavailable', database: { reachable: false, error: db.error }, migrationLevel: null };
    res.status(db.ok ? 200 : 503).json(body);
  });

  app.use(editorRoutes(buildASTSchema(typeDefs)));
  if (config.trustProxy !== undefined) app.set('trust proxy', config.trustProxy);
  const concurrency = perClientConcurrency(concurrencyFromEnv(), (req) => String(req.headers[CLIENT_HEADER]));
  app.use(
    '/graphql',
    // Who is asking: a live key's name, else the client's address. Set here, so a client cannot forge it.
    (req, res, next) => {
      const auth = authenticate(req.headers.authorization);
      res.locals.auth = auth;
      req.headers[CLIENT_HEADER] = auth && auth !== 'invalid' ? `key:${auth.name}` : `address:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;
      next();
    },
    concurrency,
    express.json({ limit: process.env.MAX_BODY_BYTES ?? '100kb' }),
    // A bad or revoked credential is refused on every request, read or write, before any work.
    (req, res, next) => {
      if (res.locals.auth !== 'invalid') return next();
      const token = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization).trim())?.[1];
      const operationName = typeof req.body?.operationName === 'string' ? req.body.operationName : null;
      refusals.record({ actor: token ? unknownKeyName(token) : 'malformed authorization header', client: String(req.headers[CLIENT_HEADER]), code: ErrorCode.Unauthenticated, operation: operationName, requestId: String(req.headers['x-request-id']) });
      res.setHeader('www-authenticate', 'Bearer realm="commit-kg", error="invalid_token"');
      res.status(401).json({ errors: [{ message: 'The API key is not valid (unknown, revoked or malformed). Send a live key, or no Authorization header to read anonymously.', extensions: { code: ErrorCode.Unauthenticated } }] });
    },
    expressMiddleware(apollo, {
      context: async ({ req }) => createContext(executor, String(req.headers['x-request-id'] ?? crypto.randomUUID()), req.headers.authorization),
    }),
  );

  const exploreDir = path.join(projectRoot, 'public', 'explore');
  app.use('/explore', exploreRouter(exploreDir));
  app.get('/favicon.ico', (_req, res) => res.redirect(301, '/explore/favicon.svg'));
  app.get('/', (_req, res) => res.redirect('/explore'));

  app.use((_req: Request, res: Response) => {
    res.status(404).json({ errors: [{ message: 'Not found. The API is at /graphql, the explorer at /explore, health at /health.', extensions: { code: 'NOT_FOUND' } }] });
  });
  // Body parser and other middleware errors: a JSON error with the right status, never a stack trace.
  app.use((err: { status?: number; type?: string }, _req: Request, res: Response, _next: NextFunction) => {
    const status = err.status ?? 500;
    const reason =
      err.type === 'entity.too.large'
        ? { code: 'PAYLOAD_TOO_LARGE', message: `Request body is larger than the limit (${process.env.MAX_BODY_BYTES ?? '100kb'}).` }
        : err.type === 'entity.parse.failed'
          ? { code: 'BAD_REQUEST', message: 'Request body is not valid JSON.' }
          : status < 500
            ? { code: 'BAD_REQUEST', message: 'The request could not be read.' }
            : { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error.' };
    if (status >= 500) logger.error({ err }, 'unhandled HTTP error');
    res.status(status).json({ errors: [{ message: reason.message, extensions: { code: reason.code } }] });
  });

  return { app, httpServer, apollo };
}

export class PortInUseError extends Error {}

export function listen(httpServer: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    httpServer.once('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'EADDRINUSE' ? new PortInUseError(`HTTP port ${port} is already in use; set PORT to a free port.`) : err);
    });
    httpServer.listen(port, host, () => {
      const address = httpServer.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
