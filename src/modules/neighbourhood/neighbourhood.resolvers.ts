/**
 * A bounded subgraph around an entity, grown breadth-first: one statement per hop (at most 3), each
 * capped, so the cost is bounded whatever the graph's size.
 */
import { notFound } from '../../errors.js';
import { intInRange } from '../../graphql/arguments.js';
import type { Resolvers } from '../../generated/resolvers-types.js';
import type { RelationRow } from '../relation/relation.mappers.js';
import type { EntityRow } from '../entity/entity.mappers.js';
import type { NeighbourhoodModel } from './neighbourhood.mappers.js';

export const neighbourhoodResolvers: Resolvers = {
  Query: {
    neighbourhood: async (_root, args, ctx): Promise<NeighbourhoodModel> => {
      const hops = intInRange('hops', args.hops, 1, 3, 1);
      const limit = intInRange('limit', args.limit, 1, 500, 150);
      const center = await ctx.loaders.node.load(args.id);
      if (!center) throw notFound('entity', args.id);
      const included = new Set([args.id]);
      const relations = new Map<string, RelationRow>();
      let frontier = [args.id];
      let truncated = false;
      for (let hop = 0; hop < hops && frontier.length > 0; hop++) {
        const cap = limit * 20;
        const rows = await ctx.executor.read(
          'queries/neighbourhood/expand',
          { ids: frontier, types: args.types ?? null, kinds: args.kinds ?? null, cap },
          ctx.counter,
        );
        if (rows.length >= cap) truncated = true;
        const next: string[] = [];
        for (const r of rows) {
          const other = String(r.other);
          ctx.loaders.node.prime(other, r.node as EntityRow);
          if (!included.has(other)) {
            if (included.size >= limit) {
              truncated = true;
              continue;
            }
            included.add(other);
            next.push(other);
          }
          const props = r.props as Record<string, unknown>;
          const id = String(r.id);
          relations.set(String(props.id), { id: String(props.id), type: String(r.type), from: r.outgoing ? id : other, to: r.outgoing ? other : id, props });
        }
        frontier = next;
      }
      return { centerId: args.id, nodeIds: [...included], relations: [...relations.values()], truncated };
    },
  },
  Neighbourhood: {
    center: (n, _args, ctx) => ctx.loaders.node.load(n.centerId).then((x) => x!),
    nodes: async (n, _args, ctx) => (await ctx.loaders.node.loadMany(n.nodeIds)).filter((x) => x && !(x instanceof Error)) as never,
  },
};
