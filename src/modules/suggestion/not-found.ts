/**
 * The two ways an id is not found. An id a client passed (a filter, a root argument) answers NOT_FOUND
 * naming the argument, with ids it may have meant (message and `extensions.suggestions`). An id read
 * from the graph that is gone by the time a field asks (retired between two statements) answers a plain
 * NOT_FOUND: `nodeOrNotFound` replaces the `load(id).then((n) => n!)` that let it through as null.
 */
import type { Context } from '../../context.js';
import { apiError, echo, ErrorCode, notFound, type AppError } from '../../errors.js';
import type { NodeKind } from '../../model/model.js';
import type { EntityRow } from '../entity/entity.mappers.js';
import type { SuggestionRepository } from './suggestion.repository.js';

/** An id argument as a client gave it, and the kind it must name (null: any entity). */
export interface IdArgument {
  argument: string;
  id: string;
  kind: NodeKind | null;
}

/** The message and extensions of an unknown id, given the suggestions found for it. */
export function unknownIdError(arg: IdArgument, suggestions: readonly string[]): AppError {
  const what = arg.kind ? `${arg.kind} ` : 'entity ';
  const hint = suggestions.length ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?` : ' Find ids with `lookup(name:)` or `search(query:)`.';
  return apiError(ErrorCode.NotFound, `Argument "${arg.argument}": no ${what}has the id "${echo(arg.id)}".${hint}`, {
    argument: arg.argument,
    id: echo(arg.id),
    suggestions: [...suggestions],
  });
}

/** NOT_FOUND for the first unknown id argument, with suggestions from the forgiving lookup. */
export async function unknownId(suggestions: SuggestionRepository, arg: IdArgument): Promise<AppError> {
  return unknownIdError(arg, await suggestions.suggest(arg.id, arg.kind));
}

/** The entity `id` names (read through the request's node loader), or NOT_FOUND. */
export async function nodeOrNotFound(ctx: Pick<Context, 'loaders'>, id: string): Promise<EntityRow> {
  const node = await ctx.loaders.node.load(id);
  if (!node) throw notFound('entity', id);
  return node;
}
