/**
 * The HTTP surface: /graphql (Apollo Server, POST and GET), /health, /explore. GraphQL errors are
 * formatted in one place (src/graphql/format-error.ts): every error leaves with a code and no internals.
 * `createApp` assembles the parts below: the Apollo server and its plugins, request ids, /health, the
 * /graphql route (who is asking, fair concurrency, body size, refused credentials) and the fallbacks.
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
import { buildASTSchema } from 'graphql';
import { KeyStore, type Actor } from './auth/api-keys.js';
import { RefusalLog, unknownKeyName } from './auth/refusals.js';
import { projectRoot, type Config } from './config.js';
import { createContext, type Context } from './context.js';
import type { Executor } from './db/executor.js';
import { migrationLevel } from './db/migrations.js';
import { ErrorCode, StartupError } from './errors.js';
import { dedupeErrorsPlugin } from './graphql/dedupe-errors.js';
import { formatError } from './graphql/format-error.js';
import { costPlugin, limitRules } from './graphql/limits.js';
import { resolvers, typeDefs } from './graphql/schema.js';
import { readManifest, trustedOperationsPlugin } from './graphql/trusted-operations.js';
import { warningsPlugin } from './graphql/warnings.js';
import { editorRoutes } from './http/editor.js';
import { CLIENT_HEADER, statusPlugin } from './http/graphql-status.js';
import { perClientConcurrency } from './http/rate-limit.js';
import { exploreRouter } from './http/explore.js';
import { logger } from './logger.js';


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

function createApollo(config: Config, httpServer: http.Server, refusals: RefusalLog): ApolloServer<Context> {
  return new ApolloServer<Context>({
    typeDefs,
    resolvers: resolvers,
    introspection: !config.production,
    // No "Did you mean …?" in production: with introspection off, suggestions would still leak the schema.
    hideSchemaDetailsFromClientErrors: config.production,
    validationRules: limitRules(config.limits),
    parseOptions: { maxTokens: config.limits.maxTokens },
    includeStacktraceInErrorResponses: config.development,
    formatError: formatError(config.development),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // The browser page at GET /graphql is our own bundled editor (src/http/editor.ts), not Apollo's CDN Sandbox.
      ApolloServerPluginLandingPageDisabled(),
      // Apollo installs cache control by default: it wraps every field resolver, and no response carries cache hints.
      ApolloServerPluginCacheControlDisabled(),
      requestLog,
      costPlugin(config.limits),
      dedupeErrorsPlugin(),
      // A typed list cut at its cap says so (LIST_TRUNCATED) in `extensions.warnings`.
      warningsPlugin(),
      statusPlugin(refusals),
      ...(config.trustedOperations ? [trustedOperationsPlugin<Context>(readManifest())] : []),
    ],
  });
}

/** Every request gets an id (the client's x-request-id, else a new UUID), echoed in the response. */
function requestIds(req: Request, res: Response, next: NextFunction): void {
  const id = String(req.headers['x-request-id'] ?? crypto.randomUUID()).slice(0, 100);
  req.headers['x-request-id'] = id;
  res.setHeader('x-request-id', id);
  next();
}

/** GET /health: database reachability, version and migration level; 503 when the database is down. */
function healthRoute(executor: Executor) {
  return async (_req: Request, res: Response) => {
    const db = await executor.ping();
    const level = db.ok ? await migrationLevel(executor).catch(() => null) : null;
    const body = db.ok
      ? { status: 'ok', database: { reachable: true, version: db.version, edition: db.edition }, migrationLevel: level }
      : { status: 'unavailable', database: { reachable: false, error: db.error }, migrationLevel: null };
    res.status(db.ok ? 200 : 503).json(body);
  };
}

/** /graphql: who is asking, fair concurrency, the body, refused credentials, then Apollo with a per-request context. */
function graphqlRoute(config: Config, apollo: ApolloServer<Context>, executor: Executor, keys: KeyStore, refusals: RefusalLog): express.RequestHandler[] {
  const concurrency = perClientConcurrency(config.concurrency, (req) => String(req.headers[CLIENT_HEADER]));
  return [
    // Who is asking: a live key's name, else the client's address. Set here, so a client cannot forge it.
    (req, res, next) => {
      const auth = keys.authenticate(req.headers.authorization);
      res.locals.auth = auth;
      req.headers[CLIENT_HEADER] = auth && auth !== 'invalid' ? `key:${auth.name}` : `address:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;
      next();
    },
    concurrency,
    express.json({ limit: config.maxBodyBytes }),
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
      // createContext gives each request its own view of the executor: its statement counter, its id in the metadata.
      context: async ({ req, res }) => {
        const requestId = String(req.headers['x-request-id'] ?? crypto.randomUUID());
        return createContext(executor, requestId, { auth: res.locals.auth as Actor | null | 'invalid', refusals });
      },
    }),
  ];
}

/** Unknown paths, and body-parser and other middleware errors: a JSON error with the right status, never a stack trace. */
function fallbacks(config: Config): [express.RequestHandler, express.ErrorRequestHandler] {
  const notFound = (_req: Request, res: Response) => {
    res.status(404).json({ errors: [{ message: 'Not found. The API is at /graphql, the explorer at /explore, health at /health.', extensions: { code: 'NOT_FOUND' } }] });
  };
  const failed = (err: { status?: number; type?: string }, _req: Request, res: Response, _next: NextFunction) => {
    const status = err.status ?? 500;
    const reason =
      err.type === 'entity.too.large'
        ? { code: 'PAYLOAD_TOO_LARGE', message: `Request body is larger than the limit (${config.maxBodyBytes}).` }
        : err.type === 'entity.parse.failed'
          ? { code: 'BAD_REQUEST', message: 'Request body is not valid JSON.' }
          : status < 500
            ? { code: 'BAD_REQUEST', message: 'The request could not be read.' }
            : { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error.' };
    if (status >= 500) logger.error({ err }, 'unhandled HTTP error');
    res.status(status).json({ errors: [{ message: reason.message, extensions: { code: reason.code } }] });
  };
  return [notFound, failed];
}

export async function createApp(config: Config, executor: Executor): Promise<App> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  httpServer.requestTimeout = 30_000;
  httpServer.headersTimeout = 10_000;
  const keys = new KeyStore(config.apiKeys);
  const refusals = new RefusalLog(executor);
  const apollo = createApollo(config, httpServer, refusals);
  await apollo.start();

  // Security headers; the strict content policy in production (every page is served from here, no CDN).
  // No upgrade-insecure-requests: it would turn /explore's requests to https on a plain-HTTP host.
  app.use(helmet({ contentSecurityPolicy: config.production ? { directives: { 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:', 'blob:'], 'upgrade-insecure-requests': null } } : false }));
  const origins = config.corsOrigins;
  if (origins.length > 0) app.use(cors({ origin: origins.includes('*') ? '*' : origins, methods: ['GET', 'POST'], allowedHeaders: ['content-type', 'authorization', 'x-request-id', 'apollo-require-preflight'] }));
  app.use(requestIds);
  app.get('/health', healthRoute(executor));
  app.use(editorRoutes(buildASTSchema(typeDefs)));
  if (config.trustProxy !== undefined) app.set('trust proxy', config.trustProxy);
  app.use('/graphql', ...graphqlRoute(config, apollo, executor, keys, refusals));
  app.use('/explore', exploreRouter(path.join(projectRoot, 'public', 'explore')));
  app.get('/favicon.ico', (_req, res) => res.redirect(301, '/explore/favicon.svg'));
  app.get('/', (_req, res) => res.redirect('/explore'));
  app.use(...fallbacks(config));
  return { app, httpServer, apollo };
}

export class PortInUseError extends StartupError {}

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
