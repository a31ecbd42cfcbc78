/** The explorer's only way to the data: the public GraphQL API, with the typed operations codegen made. */
import type { TypedDocumentString } from './generated.js';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

type Listener = (error: ApiError | null) => void;
const listeners: Listener[] = [];

/** Called with the error when a request fails for a database or network reason, and with null when one succeeds. */
export function onAvailability(listener: Listener): void {
  listeners.push(listener);
}

export async function request<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables: TVariables): Promise<TResult> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: document.toString(), variables }),
    });
  } catch {
    const error = new ApiError('The server cannot be reached.', 'NETWORK');
    listeners.forEach((l) => l(error));
    throw error;
  }
  const body = (await response.json().catch(() => null)) as { data?: TResult; errors?: { message: string; extensions?: { code?: string } }[] } | null;
  const first = body?.errors?.[0];
  if (first) {
    const error = new ApiError(first.message, first.extensions?.code ?? 'UNKNOWN');
    if (error.code === 'DATABASE_UNAVAILABLE' || error.code === 'DATABASE_TIMEOUT') listeners.forEach((l) => l(error));
    throw error;
  }
  if (!body?.data) throw new ApiError(`The server answered ${response.status}.`, 'HTTP');
  listeners.forEach((l) => l(null));
  return body.data;
}
