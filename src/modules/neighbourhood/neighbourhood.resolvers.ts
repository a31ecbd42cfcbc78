/**
 * A bounded subgraph around an entity: arguments checked here, read by the repository in one statement
 * whose entity projections the planner compiles from the selection (`center`, `nodes` and the relations'
 * ends together), so `center`, `nodes`, `relations { from to }` and the relation fields under them cost
 * nothing more. The rows are partial (only what was selected): they answer this field and are never
 * primed into the node loader, which other fields of the request read whole.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { intInRange } from '../../graphql/arguments.js';
import type { Resolvers } from '../../generated/resolvers-types.js';
import { compiledAround, readsRelationProperties, withEnds } from '../../planner/planner.js';
import type { EntityRow } from '../entity/entity.mappers.js';
import { unknownId } from '../suggestion/not-found.js';
import type { NeighbourhoodModel } from './neighbourhood.mappers.js';
import { neighbourhoodShape, neighbourhoodText } from './neighbourhood.repository.js';

/** Where the entities of a neighbourhood are selected: every one of them may be asked for through any of these. */
const ENTITY_PATHS = [['center'], ['nodes'], ['relations', 'from'], ['relations', 'to']] as const;

export const neighbourhoodResolvers: Resolvers = {
  Query: {
    neighbourhood: async (_root, args, ctx, info): Promise<NeighbourhoodModel> => {
      const hops = intInRange('hops', args.hops, 1, 3, 1);
      const limit = intInRange('limit', args.limit, 1, 500, 150);
      const q = { id: args.id, hops, limit, types: args.types ?? null, kinds: args.kinds ?? null, statedOnly: Boolean(args.statedOnly) };
      const statement = compiledAround(info, neighbourhoodShape(hops, q.types, Boolean(q.kinds), q.statedOnly), (compiler) =>
        neighbourhoodText(hops, q.types ? [...new Set(q.types)].sort() : null, Boolean(q.kinds), q.statedOnly, {
          center: compiler.entity('c', ENTITY_PATHS),
          node: compiler.entity('m', ENTITY_PATHS),
          relationProperties: readsRelationProperties(compiler.fieldNames(['relations'])),
        }),
      );
      const read = await ctx.neighbourhoods.neighbourhood(q, statement);
      if (!read) throw await unknownId(ctx.suggestions, { argument: 'id', id: args.id, kind: null });
      return read;
    },
  },
  Neighbourhood: {
    center: (n) => n.nodes[0]!,
    nodes: (n) => n.nodes,
    // Each relation's ends are entities of this neighbourhood: handed to Relation.from/to as compiled values.
    relations: (n, _args, _ctx, info: GraphQLResolveInfo) => {
      const byId = new Map<string, EntityRow>(n.nodes.map((e) => [e.id, e]));
      const ends = withEnds(info);
      return n.relations.map((r) => ends(r, byId.get(r.from), byId.get(r.to)));
    },
  },
};
