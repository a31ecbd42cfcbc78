/**
 * Lineage of an instrument or plan area: arguments checked here, read by the repository in one statement
 * whose entities are primed into the node loader (later fields cost no further statement).
 */
import { badInput } from '../../errors.js';
import { intInRange } from '../../graphql/arguments.js';
import type { Resolvers } from '../../generated/resolvers-types.js';
import { LINEAGE_TYPES } from '../../model/model.js';
import { basisOf, provenanceOf } from '../relation/relation.provenance.js';
import { nodeOrNotFound, unknownId } from '../suggestion/not-found.js';
import type { LineageModel } from './lineage.mappers.js';
import type { EntityRow } from '../entity/entity.mappers.js';

export const lineageResolvers: Resolvers = {
  Query: {
    lineage: async (_root, args, ctx): Promise<LineageModel> => {
      const depth = intInRange('depth', args.depth, 1, 10, 5);
      const kinds = args.kinds ?? [...LINEAGE_TYPES];
      const notLineage = kinds.filter((k) => !(LINEAGE_TYPES as readonly string[]).includes(k));
      if (notLineage.length > 0) throw badInput('kinds', `${notLineage.join(', ')} ${notLineage.length === 1 ? 'is' : 'are'} not a lineage relation; use ${LINEAGE_TYPES.join(', ')}.`);
      const read = await ctx.lineages.lineage({ id: args.id, direction: args.direction ?? 'BOTH', depth, kinds, statedOnly: Boolean(args.statedOnly) });
      if (!read) throw await unknownId(ctx.suggestions, { argument: 'id', id: args.id, kind: null });
      for (const node of read.entities) ctx.loaders.node.prime(node.id, node);
      return read.lineage;
    },
  },
  Lineage: {
    root: (l, _args, ctx) => nodeOrNotFound(ctx, l.rootId),
    nodes: async (l, _args, ctx) => (await ctx.loaders.node.loadMany(l.nodeIds)).filter((n): n is EntityRow => Boolean(n) && !(n instanceof Error)),
  },
  LineageStep: {
    from: (s, _args, ctx) => nodeOrNotFound(ctx, s.relation.from),
    to: (s, _args, ctx) => nodeOrNotFound(ctx, s.relation.to),
    relation: (s) => s.relation.type,
    sources: (s) => provenanceOf(s.relation.props),
    basis: (s) => basisOf(s.relation.props),
  },
};
