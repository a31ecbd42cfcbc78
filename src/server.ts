/**
 * The HTTP surface: /graphql (Apollo Server, POST and GET), /health, /explore. GraphQL errors are
 * formatted in one place (src/graphql/format-error.ts): every error leaves with a code and no internals.
 * `createApp` assembles the parts below: the Apollo server and its plugins, the steps every response
 * starts with (security headers, CORS, request ids), the /graphql endpoint on Node's own request and
 * response (src/http/graphql-endpoint.ts: who is asking, fair concurrency, body size, refused
 * credentials), and Express for the rest of the site (/health, the editor, /explore, the fallbacks).
 */
import crypto from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import cors from 'cors';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { buildASTSchema } from 'graphql';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { KeyStore } from './auth/api-keys.js';
import { RefusalLog } from './auth/refusals.js';
import { projectRoot, type Config } from './config.js';
import type { Context } from './context.js';
import type { Executor } from './db/executor.js';
import { migrationLevel } from './db/migrations.js';
import { StartupError } from './errors.js';
import { compiledExecution } from './graphql/compiled-execution.js';
import { dedupeErrorsPlugin } from './graphql/dedupe-errors.js';
import { formatError } from './graphql/format-error.js';
import { costPlugin, limitRules } from './graphql/limits.js';
import { resolvers, typeDefs } from './graphql/schema.js';
import { readManifest, trustedOperationsPlugin } from './graphql/trusted-operations.js';
import { warningsPlugin } from './graphql/warnings.js';
import { editorRoutes, wantsEditorPage } from './http/editor.js';
import { answerHttpError, graphqlEndpoint, isGraphQLPath, type Step } from './http/graphql-endpoint.js';
import { statusPlugin } from './http/graphql-status.js';
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
    // Queries run compiled by graphql-jit, through Apollo's gateway interface; graphql-js runs mutations and what graphql-jit would mishandle (src/graphql/compiled-execution.ts).
    gateway: compiledExecution(makeExecutableSchema({ typeDefs, resolvers: resolvers as Parameters<typeof makeExecutableSchema>[0]['resolvers'] }), config.compile),
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
const requestIds: Step = (req, res, next) => {
  const id = String(req.headers['x-request-id'] ?? crypto.randomUUID()).slice(0, 100);
  req.headers['x-request-id'] = id;
  res.setHeader('x-request-id', id);
  next();
};

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

/** Unknown paths, and body-parser and other middleware errors: a JSON error with the right status, never a stack trace. */
function fallbacks(config: Config): [express.RequestHandler, express.ErrorRequestHandler] {
  const notFound = (_req: Request, res: Response) => {
    res.status(404).json({ errors: [{ message: 'Not found. The API is at /graphql, the explorer at /explore, health at /health.', extensions: { code: 'NOT_FOUND' } }] });
  };
  const failed = (err: { status?: number; type?: string }, _req: Request, res: Response, _next: NextFunction) => answerHttpError(res, err, config.maxBodyBytes);
  return [notFound, failed];
}

export async function createApp(config: Config, executor: Executor): Promise<App> {
  const app = express();
  app.disable('x-powered-by');
  // Its request listener is attached below, once the endpoint it needs (Apollo, which drains this server) exists.
  const httpServer = http.createServer();
  httpServer.requestTimeout = 30_000;
  httpServer.headersTimeout = 10_000;
  const keys = new KeyStore(config.apiKeys);
  const refusals = new RefusalLog(executor);
  const apollo = createApollo(config, httpServer, refusals);
  await apollo.start();

  // Every response starts with these. Security headers; the strict content policy in production (every
  // page is served from here, no CDN). No upgrade-insecure-requests: it would turn /explore's requests to
  // https on a plain-HTTP host.
  const common: Step[] = [helmet({ contentSecurityPolicy: config.production ? { directives: { 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:', 'blob:'], 'upgrade-insecure-requests': null } } : false })];
  const origins = config.corsOrigins;
  if (origins.length > 0) common.push(cors({ origin: origins.includes('*') ? '*' : origins, methods: ['GET', 'POST'], allowedHeaders: ['content-type', 'authorization', 'x-request-id', 'apollo-require-preflight'] }));
  common.push(requestIds);
  const endpoint = graphqlEndpoint({ config, apollo, executor, keys, refusals, common });
  // GraphQL requests go to the endpoint on Node's own request and response; the rest of the site to Express.
  httpServer.on('request', (req, res) => (isGraphQLPath(req.url) && !wantsEditorPage(req) ? endpoint(req, res) : app(req, res)));

  app.use(...common);
  app.get('/health', healthRoute(executor));
  app.use(editorRoutes(buildASTSchema(typeDefs)));
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
