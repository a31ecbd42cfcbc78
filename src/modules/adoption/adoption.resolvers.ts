/** "Which meeting adopted which plan under which article": one Cypher statement per page. */
import { connectionOf, decodeAfter, pageSize } from '../../graphql/arguments.js';
import type { Resolvers } from '../../generated/resolvers-types.js';
import { dateValueOf, provenanceOf } from '../relation/relation.provenance.js';
import type { AdoptionRowModel } from './adoption.mappers.js';

interface StoredRow {
  meetingId: string;
  instrumentId: string;
  relation: string;
  articleId: string | null;
  sourceIds: string[];
  quotes: string[];
}

export const adoptionResolvers: Resolvers = {
  Query: {
    adoptions: async (_root, args, ctx) => {
      const limit = pageSize(args.first);
      const skip = decodeAfter(args.after);
      // Each filter has its own statement, anchored on that id, so the planner seeks instead of scanning.
      const statement = args.meeting ? 'by-meeting' : args.instrument ? 'by-instrument' : args.article ? 'by-article' : 'all';
      const [row] = await ctx.executor.read(
        `queries/adoption/adoptions-${statement}`,
        {
          meeting: args.meeting ?? null,
          instrument: args.instrument ?? null,
          article: args.article ?? null,
          relations: args.relations ?? null,
          skip,
          limit,
        },
        ctx.counter,
      );
      const rows = ((row?.rows ?? []) as StoredRow[]).map(
        (r): AdoptionRowModel => ({
          meetingId: r.meetingId,
          instrumentId: r.instrumentId,
          relation: r.relation,
          articleId: r.articleId,
          provenance: provenanceOf(r),
        }),
      );
      return connectionOf(rows, skip, Number(row?.total ?? 0));
    },
  },
  AdoptionRow: {
    meeting: (r, _args, ctx) => ctx.loaders.node.load(r.meetingId).then((n) => n!),
    instrument: (r, _args, ctx) => ctx.loaders.node.load(r.instrumentId).then((n) => n!),
    relation: (r) => r.relation as never,
    article: (r, _args, ctx) => (r.articleId ? ctx.loaders.node.load(r.articleId) : null),
    date: async (r, _args, ctx) => dateValueOf((await ctx.loaders.node.load(r.meetingId)) ?? {}, 'date') as never,
    sources: (r) => r.provenance,
  },
};
