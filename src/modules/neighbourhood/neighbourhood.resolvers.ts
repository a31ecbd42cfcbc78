/**
 * A bounded subgraph around an entity: arguments checked here, read by the repository in one statement
 * whose entities are primed into the node loader (`center` and `nodes` cost nothing more).
 */
import { intInRange } from '../../graphql/arguments.js';
import type { Resolvers } from '../../generated/resolvers-types.js';
import { nodeOrNotFound, unknownId } from '../suggestion/not-found.js';
import type { NeighbourhoodModel } from './neighbourhood.mappers.js';
import type { EntityRow } from '../entity/entity.mappers.js';

export const neighbourhoodResolvers: Resolvers = {
  Query: {
    neighbourhood: async (_root, args, ctx): Promise<NeighbourhoodModel> => {
      const hops = intInRange('hops', args.hops, 1, 3, 1);
      const limit = intInRange('limit', args.limit, 1, 500, 150);
      const read = await ctx.neighbourhoods.neighbourhood({ id: args.id, hops, limit, types: args.types ?? null, kinds: args.kinds ?? null, statedOnly: Boolean(args.statedOnly) });
      if (!read) throw await unknownId(ctx.suggestions, { argument: 'id', id: args.id, kind: null });
      for (const node of read.entities) ctx.loaders.node.prime(node.id, node);
      return read.neighbourhood;
    },
  },
  Neighbourhood: {
    center: (n, _args, ctx) => nodeOrNotFound(ctx, n.centerId),
    nodes: async (n, _args, ctx) => (await ctx.loaders.node.loadMany(n.nodeIds)).filter((n): n is EntityRow => Boolean(n) && !(n instanceof Error)),
  },
};
