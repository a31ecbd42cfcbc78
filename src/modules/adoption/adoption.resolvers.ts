/**
 * "Which meeting adopted which plan under which article": one Cypher statement per page, returning the
 * entities of its rows too (primed into the node loader, so `meeting`, `instrument`, `article` and `date`
 * cost no further statement; their own relation fields use the loaders).
 */
import { connectionOf, decodeAfter, pageSize } from '../../graphql/arguments.js';
import type { Resolvers } from '../../generated/resolvers-types.js';
import { dateValueOf, provenanceOf } from '../relation/relation.provenance.js';
import type { EntityRow } from '../entity/entity.mappers.js';
import type { RelationType } from '../../model/model.js';
import type { AdoptionRowModel } from './adoption.mappers.js';

interface StoredRow {
  meetingId: string;
  instrumentId: string;
  relation: RelationType;
  articleId: string | null;
  sourceIds: string[];
  quotes: string[];
  meeting: EntityRow;
  instrument: EntityRow;
  article: EntityRow | null;
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
        (r): AdoptionRowModel => {
          for (const node of [r.meeting, r.instrument, r.article]) if (node) ctx.loaders.node.prime(node.id, node);
          return { meetingId: r.meetingId, instrumentId: r.instrumentId, relation: r.relation, articleId: r.articleId, provenance: provenanceOf(r) };
        },
      );
      return connectionOf(rows, skip, Number(row?.total ?? 0));
    },
  },
  AdoptionRow: {
    meeting: (r, _args, ctx) => ctx.loaders.node.load(r.meetingId).then((n) => n!),
    instrument: (r, _args, ctx) => ctx.loaders.node.load(r.instrumentId).then((n) => n!),
    relation: (r) => r.relation,
    article: (r, _args, ctx) => (r.articleId ? ctx.loaders.node.load(r.articleId) : null),
    date: async (r, _args, ctx) => dateValueOf((await ctx.loaders.node.load(r.meetingId)) ?? {}, 'date'),
    sources: (r) => r.provenance,
  },
};
