/**
 * The /graphql endpoint on Node's own request and response, without Express: security headers, CORS,
 * the request id, who is asking, fair concurrency, the JSON body, refused credentials, then Apollo
 * (`executeHTTPGraphQLRequest`, the call Apollo's framework integrations make). The rest of the site
 * (/health, /explore, the editor page at GET /graphql, fallbacks) stays on Express: `createApp` sends
 * a request here when its path is /graphql and it is not a browser asking for the editor page.
 *
 * Why not Express: a researcher's small query costs about 0.45 ms of this server's CPU through Express
 * and 0.25 ms without it (entity by id at 8 clients on the 1k bench graph; Express re-prototypes each
 * request and response and walks its router; `bench/README.md`, "the HTTP layer"). The steps are the
 * same connect-style functions the Express app uses (helmet, cors, body-parser's json), so headers,
 * limits and errors do not differ between the two.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import bodyParser from 'body-parser';
import proxyaddr from 'proxy-addr';
import type { Actor, KeyStore } from '../auth/api-keys.js';
import { unknownKeyName, type RefusalLog } from '../auth/refusals.js';
import type { Config } from '../config.js';
import { createContext, type Context } from '../context.js';
import type { Executor } from '../db/executor.js';
import { ErrorCode } from '../errors.js';
import { logger } from '../logger.js';
import { CLIENT_HEADER } from './graphql-status.js';
import { perClientConcurrency } from './rate-limit.js';
import { sendJson } from './send-json.js';

/** A connect-style step: calls `next()` to go on, `next(error)` to fail, or answers itself. */
export type Step = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/** The request as the steps leave it: the credential's verdict and the parsed body. */
interface GraphQLRequest extends IncomingMessage {
  auth?: Actor | null | 'invalid';
  body?: unknown;
}

/** The query string of a request target ('' when none), without parsing the whole URL. */
export function searchOf(url: string | undefined): string {
  const at = url?.indexOf('?') ?? -1;
  return at < 0 ? '' : url!.slice(at);
}

/** Whether a request's path is the GraphQL endpoint (as Express matched its mount: any case, optional trailing slash). */
export function isGraphQLPath(url: string | undefined): boolean {
  const target = url ?? '';
  const path = target.slice(0, target.length - searchOf(target).length).toLowerCase();
  return path === '/graphql' || path === '/graphql/';
}

/**
 * TRUST_PROXY as Express reads its `trust proxy` setting: true (every hop), a hop count, or a list of
 * addresses and subnets; unset trusts no proxy, so the client is the socket's peer.
 */
function compileTrust(value: Config['trustProxy']): (address: string, hop: number) => boolean {
  if (value === true) return () => true;
  if (typeof value === 'number') return (_address, hop) => hop < value;
  return proxyaddr.compile(typeof value === 'string' ? value.split(',').map((v) => v.trim()) : []);
}

/** An error a step passed on (body too large, not JSON...) as a JSON answer with its status; never a stack trace. */
function httpErrorAnswer(error: { status?: number; type?: string }, maxBodyBytes: string): { status: number; code: string; message: string } {
  const status = error.status ?? 500;
  if (error.type === 'entity.too.large') return { status, code: 'PAYLOAD_TOO_LARGE', message: `Request body is larger than the limit (${maxBodyBytes}).` };
  if (error.type === 'entity.parse.failed') return { status, code: 'BAD_REQUEST', message: 'Request body is not valid JSON.' };
  if (status < 500) return { status, code: 'BAD_REQUEST', message: 'The request could not be read.' };
  return { status, code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error.' };
}

export function answerHttpError(res: ServerResponse, error: { status?: number; type?: string }, maxBodyBytes: string): void {
  const answer = httpErrorAnswer(error, maxBodyBytes);
  if (answer.status >= 500) logger.error({ err: error }, 'unhandled HTTP error');
  if (res.headersSent) return void res.destroy();
  sendJson(res, answer.status, { errors: [{ message: answer.message, extensions: { code: answer.code } }] });
}

/** Runs the steps in order; the first error ends the request with its JSON answer. */
function run(steps: readonly Step[], onError: (res: ServerResponse, error: unknown) => void): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    let i = 0;
    const next = (error?: unknown): void => {
      if (error !== undefined) return onError(res, error);
      const step = steps[i++];
      if (!step) return;
      try {
        step(req, res, next);
      } catch (thrown) {
        onError(res, thrown);
      }
    };
    next();
  };
}

export interface EndpointParts {
  config: Config;
  apollo: ApolloServer<Context>;
  executor: Executor;
  keys: KeyStore;
  refusals: RefusalLog;
  /** The steps every response of the site starts with (security headers, CORS, the request id). */
  common: readonly Step[];
}

export function graphqlEndpoint({ config, apollo, executor, keys, refusals, common }: EndpointParts): (req: IncomingMessage, res: ServerResponse) => void {
  const trust = compileTrust(config.trustProxy);
  const concurrency = perClientConcurrency(config.concurrency, (req) => String(req.headers[CLIENT_HEADER]));

  // Who is asking: a live key's name, else the client's address. Set here, so a client cannot forge it.
  const identify: Step = (req: GraphQLRequest, _res, next) => {
    const auth = keys.authenticate(req.headers.authorization);
    req.auth = auth;
    req.headers[CLIENT_HEADER] = auth && auth !== 'invalid' ? `key:${auth.name}` : `address:${proxyaddr(req, trust) ?? 'unknown'}`;
    next();
  };

  // A bad or revoked credential is refused on every request, read or write, before any work.
  const refuseInvalid: Step = (req: GraphQLRequest, res, next) => {
    if (req.auth !== 'invalid') return next();
    const token = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization).trim())?.[1];
    const body = req.body as { operationName?: unknown } | undefined;
    refusals.record({
      actor: token ? unknownKeyName(token) : 'malformed authorization header',
      client: String(req.headers[CLIENT_HEADER]),
      code: ErrorCode.Unauthenticated,
      operation: typeof body?.operationName === 'string' ? body.operationName : null,
      requestId: String(req.headers['x-request-id']),
    });
    res.setHeader('www-authenticate', 'Bearer realm="commit-kg", error="invalid_token"');
    sendJson(res, 401, { errors: [{ message: 'The API key is not valid (unknown, revoked or malformed). Send a live key, or no Authorization header to read anonymously.', extensions: { code: ErrorCode.Unauthenticated } }] });
  };

  const execute: Step = (req: GraphQLRequest, res, next) => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    const requestId = String(req.headers['x-request-id']);
    apollo
      .executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: searchOf(req.url), body: req.body },
        // Each request gets its own view of the executor: its statement counter, its id in the metadata.
        context: async () => createContext(executor, requestId, { auth: req.auth ?? null, refusals }),
      })
      .then(async (answer) => {
        for (const [key, value] of answer.headers) res.setHeader(key, value);
        res.statusCode = answer.status ?? 200;
        if (answer.body.kind === 'complete') {
          res.setHeader('content-length', Buffer.byteLength(answer.body.string));
          res.end(answer.body.string);
          return;
        }
        for await (const chunk of answer.body.asyncIterator) res.write(chunk);
        res.end();
      })
      .catch(next);
  };

  return run([...common, identify, concurrency, bodyParser.json({ limit: config.maxBodyBytes }), refuseInvalid, execute], (res, error) =>
    answerHttpError(res, error as { status?: number; type?: string }, config.maxBodyBytes),
  );
}
