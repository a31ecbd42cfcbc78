/**
 * Apollo's `formatError`: the one place every GraphQL error is shaped before a client sees it. Apollo
 * has already given each error a code (INTERNAL_SERVER_ERROR when it had none), moved `extensions.http`
 * into the response head and added a stack trace only when asked to; this keeps the codes of ErrorCode
 * and Apollo's own request codes (ApolloServerErrorCode), turns Apollo's token limit and codeless client
 * refusals into coded errors, and answers anything else as INTERNAL_SERVER_ERROR without internals.
 * Every error leaves bounded in size, whatever the client sent. Must not throw.
 */
import { ApolloServerErrorCode } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { AppError, echo, ErrorCode } from '../errors.js';
import { logger } from '../logger.js';
import { tooComplex } from './limits.js';

const appCodes = new Set<string>(Object.values(ErrorCode));
appCodes.delete(ErrorCode.InternalServerError);

/** Apollo's and graphql-js's codes for a malformed request: passed through as they are. */
const requestCodes = new Set<string>([
  ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
  ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
  ApolloServerErrorCode.BAD_REQUEST,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_FOUND,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
  ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE,
]);

/** Longest message and fewest problems an error carries, whatever the input was: errors stay small. */
const MAX_MESSAGE = 1000;
const MAX_PROBLEMS = 20;

/** Cuts what a client input could make large: the message, echoed ids, the list of problems. */
export function bounded(error: GraphQLFormattedError): GraphQLFormattedError {
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

/**
 * The error a resolver (or the context) threw. By shape, not Apollo's unwrapResolverError: that one
 * tests `instanceof GraphQLError`, and graphql can be loaded twice (its CJS and ESM builds) under test runners.
 */
function thrown(error: unknown): unknown {
  let original = error;
  while (original && typeof original === 'object' && 'originalError' in original && original.originalError) original = original.originalError;
  return original;
}

/** A refusal Apollo raises with an HTTP status below 500 but no code (a persisted query's wrong hash). */
function clientRefusal(error: unknown): string | null {
  const status = (error as { extensions?: { http?: { status?: unknown } } } | null)?.extensions?.http?.status;
  if (typeof status !== 'number' || status >= 500) return null;
  const message = (error as { message?: unknown }).message;
  return message === 'provided sha does not match query'
    ? 'extensions.persistedQuery.sha256Hash is not the SHA-256 of the query sent; send the matching hash, or the query alone.'
    : typeof message === 'string' ? message : 'The request could not be read.';
}

/** Apollo's parser refusal of a document longer than `parseOptions.maxTokens`, as QUERY_TOO_COMPLEX. */
function tokenLimit(formatted: GraphQLFormattedError): GraphQLFormattedError | null {
  if (formatted.extensions?.code !== ApolloServerErrorCode.GRAPHQL_PARSE_FAILED || !/tokens/.test(formatted.message)) return null;
  const max = Number(/more tha[nt] (\d+) tokens/.exec(formatted.message)?.[1] ?? NaN);
  const err = tooComplex('tokens', max, null, `The document has more than ${max} tokens; send a smaller query.`);
  return { message: err.message, extensions: err.extensions };
}

function shape(formatted: GraphQLFormattedError, error: unknown, includeStack: boolean): GraphQLFormattedError {
  const original = thrown(error);
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
  const stack = includeStack && formatted.extensions?.stacktrace ? { stacktrace: formatted.extensions.stacktrace } : {};
  if (original instanceof AppError) return { ...base, message: original.message, extensions: { ...original.extensions, ...stack } };
  // Apollo relabels every validation error GRAPHQL_VALIDATION_FAILED; limit refusals keep their own code.
  if (formatted.extensions?.limit !== undefined) return { ...base, extensions: { ...formatted.extensions, code: ErrorCode.QueryTooComplex } };
  const code = String(formatted.extensions?.code);
  if (appCodes.has(code)) return { ...base, extensions: formatted.extensions };
  const tokens = tokenLimit(formatted);
  if (tokens) return tokens;
  if (requestCodes.has(code)) return { ...base, extensions: formatted.extensions };
  const refusal = clientRefusal(original);
  if (refusal !== null) return { ...base, message: refusal, extensions: { code: ApolloServerErrorCode.BAD_REQUEST } };
  logger.error({ err: original }, 'unexpected error in a resolver');
  return { ...base, message: 'Internal server error.', extensions: { code: ErrorCode.InternalServerError, ...stack } };
}

/** Normalises every error a client will see; `includeStack` keeps Apollo's stack trace (development only). */
export function formatError(includeStack: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => bounded(shape(formatted, error, includeStack));
}
