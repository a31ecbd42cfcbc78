/**
 * "Which meeting adopted which plan under which article": one statement per page (the repository), whose
 * entity projections the planner compiles from the selection, so `meeting`, `instrument` and `article`,
 * and the relation fields under them, cost no further statement. The rows are partial (only what was
 * selected) and never primed into the node loader. An id filter naming nothing is NOT_FOUND.
 */
import { pageOf, pageRequest } from '../../graphql/pagination.js';
import type { Resolvers } from '../../generated/resolvers-types.js';
import { compiledAround } from '../../planner/planner.js';
import { nodeOrNotFound, unknownId } from '../suggestion/not-found.js';
import { ADOPTION_ID_FILTERS, adoptionFilters, adoptionsShape, adoptionsText, type AdoptionsQuery } from './adoption.repository.js';

const row = (field: string) => [['edges', 'node', field]] as const;

export const adoptionResolvers: Resolvers = {
  Query: {
    adoptions: async (_root, args, ctx, info) => {
      const request = pageRequest(args, info);
      const q: AdoptionsQuery = {
        meeting: args.meeting ?? null,
        instrument: args.instrument ?? null,
        article: args.article ?? null,
        relations: args.relations ?? null,
        statedOnly: Boolean(args.statedOnly),
        skip: request.skip,
        limit: request.fetch,
        total: request.total,
      };
      const filters = adoptionFilters(q);
      // Sources, quotes and date fields travel only when a row's `sources` or `date` is selected (the cache key is per document).
      const statement = compiledAround(info, adoptionsShape(filters), (compiler) => {
        const rowFields = compiler.fieldNames(['edges', 'node']);
        return adoptionsText(
          { ...filters, sources: rowFields.has('sources'), dates: rowFields.has('date') },
          { meeting: compiler.entity('m', row('meeting')), instrument: compiler.entity('i', row('instrument')), article: compiler.entity('a', row('article')) },
        );
      });
      const page = await ctx.adoptions.page(q, statement);
      const [missing] = page.missing;
      if (missing) throw await unknownId(ctx.suggestions, { argument: missing, id: args[missing]!, kind: ADOPTION_ID_FILTERS[missing] });
      return pageOf(page.rows, request, page.total);
    },
  },
  AdoptionRow: {
    meeting: (r, _args, ctx) => (r.meetingId ? (r.meetingNode ?? nodeOrNotFound(ctx, r.meetingId)) : null),
    instrument: (r, _args, ctx) => r.instrumentNode ?? nodeOrNotFound(ctx, r.instrumentId),
    relation: (r) => r.relation,
    article: (r, _args, ctx) => (r.articleId ? (r.articleNode ?? ctx.loaders.node.load(r.articleId)) : null),
    date: (r) => r.date,
    sources: (r) => r.provenance,
  },
};
