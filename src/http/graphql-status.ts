/**
 * HTTP statuses for GraphQL responses, as the GraphQL-over-HTTP spec gives them, plus the API's own
 * rules for refusals; and the record of refused writes.
 *
 * - A request refused before execution (parse, validation, a limit, bad variables): 400 when the client
 *   accepts application/graphql-response+json, 200 with application/json (the spec's legacy rule).
 * - UNAUTHENTICATED: 401 with `WWW-Authenticate: Bearer`; FORBIDDEN: 403, whatever the media type.
 * - No refusal is ever 5xx: only INTERNAL_SERVER_ERROR may be.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind } from 'graphql';
import type { Context } from '../context.js';
import type { RefusalLog } from '../auth/refusals.js';
import { ErrorCode } from '../errors.js';

/** Header the server sets (overwriting any the client sent) to tell the plugin who the client is. */
export const CLIENT_HEADER = 'x-ckg-client';

const GRAPHQL_RESPONSE = 'application/graphql-response+json';

/** Apollo's choice of media type: graphql-response+json only when the client prefers it to application/json. */
export function prefersGraphQLResponse(accept: string | undefined): boolean {
  if (!accept) return false;
  const ranked = accept
    .split(',')
    .map((part, i) => {
      const [type, ...params] = part.trim().toLowerCase().split(';');
      const q = Number(params.map((p) => p.trim()).find((p) => p.startsWith('q='))?.slice(2) ?? 1);
      return { type: type!.trim(), q: Number.isNaN(q) ? 0 : q, i };
    })
    .filter((m) => m.q > 0 && (m.type === GRAPHQL_RESPONSE || m.type === 'application/json'))
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked[0]?.type === GRAPHQL_RESPONSE;
}

/** Codes of refusals that happen before execution. */
const requestRefusals = new Set<string>(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', ErrorCode.QueryTooComplex, ErrorCode.BadUserInput, 'OPERATION_RESOLUTION_FAILURE']);

export function statusPlugin(refusals: RefusalLog): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, request, contextValue, operation }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const codes = new Set((result.errors ?? []).map((e) => String(e.extensions?.code ?? '')));
          if (codes.size === 0) return;
          const refused = codes.has(ErrorCode.Unauthenticated) ? ErrorCode.Unauthenticated : codes.has(ErrorCode.Forbidden) ? ErrorCode.Forbidden : null;
          if (refused) {
            response.http.status = refused === ErrorCode.Unauthenticated ? 401 : 403;
            if (refused === ErrorCode.Unauthenticated) response.http.headers.set('www-authenticate', 'Bearer realm="commit-kg"');
            const auth = contextValue.auth;
            const fields = operation?.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : [])) ?? [];
            refusals.record({
              actor: auth && auth !== 'invalid' ? auth.name : 'anonymous',
              client: request.http?.headers.get(CLIENT_HEADER) ?? 'in-process',
              code: refused,
              operation: operation ? `${operation.operation} ${operation.name?.value ?? '(anonymous)'}: ${fields.join(', ')}` : null,
              requestId: contextValue.requestId,
            });
            return;
          }
          const executed = 'data' in result && result.data !== undefined;
          const status = response.http.status ?? 200;
          if (!executed && [...codes].every((c) => requestRefusals.has(c))) {
            response.http.status = prefersGraphQLResponse(request.http?.headers.get('accept')) ? 400 : 200;
          } else if (status >= 500 && !codes.has(ErrorCode.InternalServerError) && !codes.has(ErrorCode.DatabaseUnavailable)) {
            response.http.status = 400;
          }
        },
      };
    },
  };
}
