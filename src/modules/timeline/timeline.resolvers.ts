/** Dated events in order: arguments checked here, one page read by the repository. */
import { dateBound } from '../../graphql/arguments.js';
import { pageOf, pageRequest } from '../../graphql/pagination.js';
import type { Resolvers } from '../../generated/resolvers-types.js';
import { nodeOrNotFound, unknownId } from '../suggestion/not-found.js';

export const timelineResolvers: Resolvers = {
  Query: {
    timeline: async (_root, args, ctx, info) => {
      const request = pageRequest(args, info, 50);
      const from = dateBound('from', args.from, 'start');
      const to = dateBound('to', args.to, 'end');
      const page = await ctx.timeline.page({ countries: args.countries ?? null, kinds: args.kinds ?? null, from, to, statedOnly: Boolean(args.statedOnly), skip: request.skip, limit: request.fetch, total: request.total });
      const [missing] = page.missing;
      if (missing !== undefined) throw await unknownId(ctx.suggestions, { argument: 'countries', id: missing, kind: 'Country' });
      return pageOf(page.events, request, page.total);
    },
  },
  TimelineEvent: {
    kind: (e) => e.kind,
    date: (e) => e.date,
    subject: (e, _args, ctx) => nodeOrNotFound(ctx, e.subjectId),
    place: (e, _args, ctx) => (e.placeId ? ctx.loaders.node.load(e.placeId) : null),
    sources: (e) => e.provenance,
  },
};
