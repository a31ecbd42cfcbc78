/**
 * Shortest path(s) between two entities: arguments checked here, read by the repository in one bounded
 * statement whose entities are primed into the node loader (`nodes`, `from` and `to` cost nothing more).
 */
import { badInput } from '../../errors.js';
import { intInRange } from '../../graphql/arguments.js';
import type { Resolvers } from '../../generated/resolvers-types.js';
import { nodeOrNotFound, unknownId } from '../suggestion/not-found.js';
import type { PathModel } from './path.mappers.js';
import type { EntityRow } from '../entity/entity.mappers.js';

export const pathResolvers: Resolvers = {
  Query: {
    connection: async (_root, args, ctx): Promise<PathModel[]> => {
      const maxLength = intInRange('maxLength', args.maxLength, 1, 8, 6);
      const limit = intInRange('limit', args.limit, 1, 20, 5);
      if (args.from === args.to) throw badInput('to', 'must differ from "from".');
      const read = await ctx.paths.paths({ from: args.from, to: args.to, maxLength, all: Boolean(args.all), limit, excludeTypes: args.excludeTypes ?? [], statedOnly: Boolean(args.statedOnly) });
      if (read.missing) throw await unknownId(ctx.suggestions, { argument: read.missing, id: args[read.missing], kind: null });
      for (const node of read.entities) ctx.loaders.node.prime(node.id, node);
      return read.paths;
    },
  },
  Path: {
    length: (p) => p.hops.length,
    nodes: async (p, _args, ctx) => (await ctx.loaders.node.loadMany(p.nodeIds)).filter((n): n is EntityRow => Boolean(n) && !(n instanceof Error)),
  },
  Hop: {
    from: (h, _args, ctx) => nodeOrNotFound(ctx, h.fromId),
    to: (h, _args, ctx) => nodeOrNotFound(ctx, h.toId),
    relation: (h) => h.relation,
    direction: (h) => (h.relation.from === h.fromId ? 'FORWARD' : 'BACKWARD'),
  },
};
