/**
 * The one error vocabulary of the API. Every error a client sees carries one of these codes in
 * `extensions.code`; `formatError` (server.ts) turns anything else into INTERNAL_SERVER_ERROR without
 * leaking internals. Messages name the problem, never embed an underlying exception.
 */
import { GraphQLError } from 'graphql';

export enum ErrorCode {
  BadUserInput = 'BAD_USER_INPUT',
  NotFound = 'NOT_FOUND',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  Conflict = 'CONFLICT',
  QueryTooComplex = 'QUERY_TOO_COMPLEX',
  DatabaseUnavailable = 'DATABASE_UNAVAILABLE',
  DatabaseTimeout = 'DATABASE_TIMEOUT',
  RateLimited = 'RATE_LIMITED',
  InternalServerError = 'INTERNAL_SERVER_ERROR',
}

export function apiError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

export const badInput = (argument: string, message: string) =>
  apiError(ErrorCode.BadUserInput, `Argument "${argument}": ${message}`, { argument });

/** Longest piece of client input an error message echoes: errors stay small whatever was sent. */
export const ECHO_LIMIT = 120;

/** `text` as an error may echo it: cut to ECHO_LIMIT characters, marking the cut. */
export function echo(text: string, limit = ECHO_LIMIT): string {
  return text.length > limit ? `${text.slice(0, limit)}… (${text.length} characters)` : text;
}

export const notFound = (what: string, id: string) =>
  apiError(ErrorCode.NotFound, `No ${what} with id "${echo(id)}".`, { id: echo(id) });

/** Raised by the executor; mapped to a GraphQL error with the same code. */
export class DatabaseError extends Error {
  constructor(
    readonly code: ErrorCode.DatabaseUnavailable | ErrorCode.DatabaseTimeout | ErrorCode.BadUserInput | ErrorCode.Conflict,
    message: string,
  ) {
    super(message);
  }
}
