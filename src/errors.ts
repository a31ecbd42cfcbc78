/**
 * The one error vocabulary of the API. Every error a client sees carries one of these codes in
 * `extensions.code`; `formatError` (src/graphql/format-error.ts) turns anything else into
 * INTERNAL_SERVER_ERROR without leaking internals. Messages name the problem, never embed an
 * underlying exception.
 *
 * Two families: AppError (a refusal with a code, thrown by repositories, resolvers and the executor,
 * read by the API and by the command-line scripts alike) and StartupError (the service cannot start:
 * `main.ts` prints its message alone).
 */
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

/**
 * A refusal with a code. `extensions` holds `code` and any details (`argument`, `id`, `problems`...);
 * graphql-js copies an original error's `extensions` onto the error it reports, so a resolver may throw
 * this as it is.
 */
export class AppError extends Error {
  readonly extensions: { code: ErrorCode } & Record<string, unknown>;

  constructor(
    readonly code: ErrorCode,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
    this.extensions = { ...details, code };
  }
}

/** The service cannot start (bad setting, port taken, Neo4j did not start, a migration failed...). */
export class StartupError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

export function apiError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): AppError {
  return new AppError(code, message, extensions);
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

/** Raised by the executor when the database fails in a way the client should know of. */
export class DatabaseError extends AppError {
  constructor(
    override readonly code: ErrorCode.DatabaseUnavailable | ErrorCode.DatabaseTimeout | ErrorCode.Conflict,
    message: string,
  ) {
    super(code, message);
  }
}
