/**
 * Dated events in order: arguments checked here, one page read by the repository, with each event's
 * subject and place projected for the selection (the planner compiles them; partial rows, never primed
 * into the node loader), so `subject` and `place` cost no further statement.
 */
import { dateBound } from '../../graphql/arguments.js';
import { pageOf, pageRequest } from '../../graphql/pagination.js';
import type { Resolvers } from '../../generated/resolvers-types.js';
import { compiledAround } from '../../planner/planner.js';
import { nodeOrNotFound, unknownId } from '../suggestion/not-found.js';
import { timelineFilters, timelineShape, timelineText, type TimelineQuery } from './timeline.repository.js';

export const timelineResolvers: Resolvers = {
  Query: {
    timeline: async (_root, args, ctx, info) => {
      const request = pageRequest(args, info, 50);
      const from = dateBound('from', args.from, 'start');
      const to = dateBound('to', args.to, 'end');
      const q: TimelineQuery = { countries: args.countries ?? null, kinds: args.kinds ?? null, from, to, statedOnly: Boolean(args.statedOnly), skip: request.skip, limit: request.fetch, total: request.total };
      const filters = timelineFilters(q);
      const statement = compiledAround(info, timelineShape(filters), (compiler) =>
        timelineText(filters, { subject: compiler.entity('subject', [['edges', 'node', 'subject']]), place: compiler.entity('place', [['edges', 'node', 'place']]) }),
      );
      const page = await ctx.timeline.page(q, statement);
      const [missing] = page.missing;
      if (missing !== undefined) throw await unknownId(ctx.suggestions, { argument: 'countries', id: missing, kind: 'Country' });
      return pageOf(page.events, request, page.total);
    },
  },
  TimelineEvent: {
    kind: (e) => e.kind,
    date: (e) => e.date,
    subject: (e, _args, ctx) => e.subjectNode ?? nodeOrNotFound(ctx, e.subjectId),
    place: (e, _args, ctx) => (e.placeId ? (e.placeNode ?? ctx.loaders.node.load(e.placeId)) : null),
    sources: (e) => e.provenance,
  },
};
