/** Dated events in order: arguments checked here, one page read by the repository. */
import { connectionOf, dateBound, decodeAfter, pageSize } from '../../graphql/arguments.js';
import type { Resolvers } from '../../generated/resolvers-types.js';
import { nodeOrNotFound, unknownId } from '../suggestion/not-found.js';

export const timelineResolvers: Resolvers = {
  Query: {
    timeline: async (_root, args, ctx) => {
      const limit = pageSize(args.first, 50);
      const skip = decodeAfter(args.after);
      const from = dateBound('from', args.from, 'start');
      const to = dateBound('to', args.to, 'end');
      const page = await ctx.timeline.page({ countries: args.countries ?? null, kinds: args.kinds ?? null, from, to, statedOnly: Boolean(args.statedOnly), skip, limit });
      const [missing] = page.missing;
      if (missing !== undefined) throw await unknownId(ctx.suggestions, { argument: 'countries', id: missing, kind: 'Country' });
      return connectionOf(page.events, skip, page.total);
    },
  },
  TimelineEvent: {
    kind: (e) => e.kind as never,
    date: (e) => e.date as never,
    subject: (e, _args, ctx) => nodeOrNotFound(ctx, e.subjectId),
    place: (e, _args, ctx) => (e.placeId ? ctx.loaders.node.load(e.placeId) : null),
    sources: (e) => e.provenance,
  },
};
