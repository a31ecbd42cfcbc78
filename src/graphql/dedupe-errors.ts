/**
 * One error per problem, not one per list item: when the same error (message and code) is raised at
 * paths that differ only in list indices (a bad `context(chars:)` under every source of a node), the
 * response keeps the first and adds `extensions.occurrences` with how many there were. The data keeps
 * its nulls; only the error list is shortened.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';

const shape = (e: GraphQLFormattedError) =>
  JSON.stringify([e.message, e.extensions?.code ?? null, (e.path ?? []).map((p) => (typeof p === 'number' ? '#' : p))]);

export function dedupeErrors(errors: readonly GraphQLFormattedError[]): GraphQLFormattedError[] {
  const kept = new Map<string, GraphQLFormattedError & { extensions: Record<string, unknown> }>();
  for (const error of errors) {
    const key = shape(error);
    const first = kept.get(key);
    if (first) first.extensions.occurrences = Number(first.extensions.occurrences ?? 1) + 1;
    else kept.set(key, { ...error, extensions: { ...(error.extensions ?? {}) } });
  }
  return [...kept.values()];
}

export function dedupeErrorsPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind === 'single' && response.body.singleResult.errors && response.body.singleResult.errors.length > 1) {
            response.body.singleResult.errors = dedupeErrors(response.body.singleResult.errors);
          }
        },
      };
    },
  };
}
