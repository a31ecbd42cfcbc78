/**
 * "Which meeting adopted which plan under which article": one statement per page (the repository), whose
 * entities are primed into the node loader, so `meeting`, `instrument` and `article` cost no further
 * statement; their own relation fields use the loaders. An id filter naming nothing is NOT_FOUND.
 */
import { pageOf, pageRequest } from '../../graphql/pagination.js';
import type { Resolvers } from '../../generated/resolvers-types.js';
import { nodeOrNotFound, unknownId } from '../suggestion/not-found.js';
import { ADOPTION_ID_FILTERS } from './adoption.repository.js';

export const adoptionResolvers: Resolvers = {
  Query: {
    adoptions: async (_root, args, ctx, info) => {
      const request = pageRequest(args, info);
      const page = await ctx.adoptions.page({
        meeting: args.meeting ?? null,
        instrument: args.instrument ?? null,
        article: args.article ?? null,
        relations: args.relations ?? null,
        statedOnly: Boolean(args.statedOnly),
        skip: request.skip,
        limit: request.fetch,
        total: request.total,
      });
      const [missing] = page.missing;
      if (missing) throw await unknownId(ctx.suggestions, { argument: missing, id: args[missing]!, kind: ADOPTION_ID_FILTERS[missing] });
      for (const node of page.entities) ctx.loaders.node.prime(node.id, node);
      return pageOf(page.rows, request, page.total);
    },
  },
  AdoptionRow: {
    meeting: (r, _args, ctx) => (r.meetingId ? nodeOrNotFound(ctx, r.meetingId) : null),
    instrument: (r, _args, ctx) => nodeOrNotFound(ctx, r.instrumentId),
    relation: (r) => r.relation,
    article: (r, _args, ctx) => (r.articleId ? ctx.loaders.node.load(r.articleId) : null),
    date: (r) => r.date,
    sources: (r) => r.provenance,
  },
};
