/** Dated events in order: one Cypher statement per page. */
import { connectionOf, dateBound, decodeAfter, pageSize } from '../../graphql/arguments.js';
import type { Resolvers } from '../../generated/resolvers-types.js';
import { provenanceOf } from '../relation/relation.provenance.js';
import type { TimelineEventModel } from './timeline.mappers.js';

const titles: Record<string, string> = {
  MEETING: 'held',
  SIGNING: 'signed',
  ADOPTION: 'adopted',
  DRAFTING: 'drafted',
  PLAN_PERIOD: 'period',
  PLAN_END: 'ends',
  DEADLINE: 'due',
  ROLE: 'holds the role',
};

interface StoredEvent {
  id: string;
  kind: TimelineEventModel['kind'];
  subjectId: string;
  subjectName: string;
  date: TimelineEventModel['date'];
  placeId: string | null;
  sourceIds: string[];
  quotes: string[];
}

export const timelineResolvers: Resolvers = {
  Query: {
    timeline: async (_root, args, ctx) => {
      const limit = pageSize(args.first, 50);
      const skip = decodeAfter(args.after);
      const from = dateBound('from', args.from, 'start');
      const to = dateBound('to', args.to, 'end');
      const [row] = await ctx.executor.read(
        'queries/timeline/timeline',
        { countries: args.countries ?? null, kinds: args.kinds ?? null, from, to, skip, limit },
        ctx.counter,
      );
      const events = ((row?.events ?? []) as StoredEvent[]).map(
        (e): TimelineEventModel => ({
          id: e.id,
          kind: e.kind,
          date: e.date,
          title: `${e.subjectName} ${titles[e.kind] ?? ''}`.trim(),
          subjectId: e.subjectId,
          placeId: e.placeId,
          provenance: provenanceOf(e),
        }),
      );
      return connectionOf(events, skip, Number(row?.total ?? 0));
    },
  },
  TimelineEvent: {
    kind: (e) => e.kind,
    date: (e) => e.date,
    subject: (e, _args, ctx) => ctx.loaders.node.load(e.subjectId).then((n) => n!),
    place: (e, _args, ctx) => (e.placeId ? ctx.loaders.node.load(e.placeId) : null),
    sources: (e) => e.provenance,
  },
};
