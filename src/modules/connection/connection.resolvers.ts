/** Shortest path(s) between two entities, hop by hop with provenance: one Cypher statement. */
import { badInput, notFound } from '../../errors.js';
import { intInRange } from '../../graphql/arguments.js';
import type { Resolvers } from '../../generated/resolvers-types.js';
import type { RelationRow } from '../relation/relation.mappers.js';
import type { PathModel } from './connection.mappers.js';

export const connectionResolvers: Resolvers = {
  Query: {
    connection: async (_root, args, ctx): Promise<PathModel[]> => {
      const maxLength = intInRange('maxLength', args.maxLength, 1, 8, 6);
      const limit = intInRange('limit', args.limit, 1, 20, 5);
      if (args.from === args.to) throw badInput('to', 'must differ from "from".');
      const [a, b] = await ctx.loaders.node.loadMany([args.from, args.to]);
      if (!a || a instanceof Error) throw notFound('entity', args.from);
      if (!b || b instanceof Error) throw notFound('entity', args.to);
      const rows = await ctx.executor.read(
        args.all ? 'queries/connection/all-shortest-paths' : 'queries/connection/shortest-path',
        { from: args.from, to: args.to, maxLength, limit, exclude: args.excludeTypes ?? [] },
        ctx.counter,
      );
      return rows.map((r) => {
        const nodeIds = r.nodeIds as string[];
        const rels = r.rels as { type: string; from: string; to: string; props: Record<string, unknown> }[];
        return {
          nodeIds,
          hops: rels.map((rel, i) => ({
            fromId: nodeIds[i]!,
            toId: nodeIds[i + 1]!,
            relation: { id: String(rel.props.id), type: rel.type, from: rel.from, to: rel.to, props: rel.props } satisfies RelationRow,
          })),
        };
      });
    },
  },
  Path: {
    length: (p) => p.hops.length,
    nodes: async (p, _args, ctx) => (await ctx.loaders.node.loadMany(p.nodeIds)) as never,
  },
  Hop: {
    from: (h, _args, ctx) => ctx.loaders.node.load(h.fromId).then((n) => n!),
    to: (h, _args, ctx) => ctx.loaders.node.load(h.toId).then((n) => n!),
    relation: (h) => h.relation,
    direction: (h) => (h.relation.from === h.fromId ? 'FORWARD' : 'BACKWARD'),
  },
};
