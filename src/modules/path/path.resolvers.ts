/**
 * Shortest path(s) between two entities: arguments checked here, read by the repository in one bounded
 * statement whose entity projections the planner compiles from the selection (`nodes`, the hops' ends and
 * their relations' ends together), so they cost nothing more. The rows are partial (only what was
 * selected): they answer this field and are never primed into the node loader, which other fields read whole.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { badInput } from '../../errors.js';
import { intInRange } from '../../graphql/arguments.js';
import type { Resolvers } from '../../generated/resolvers-types.js';
import { compiledAround, readsRelationProperties, withEnds } from '../../planner/planner.js';
import { unknownId } from '../suggestion/not-found.js';
import type { PathModel } from './path.mappers.js';
import { connectionShape, connectionText } from './path.repository.js';

/** Where the entities of a path are selected: every one of them may be asked for through any of these. */
const ENTITY_PATHS = [['nodes'], ['hops', 'from'], ['hops', 'to'], ['hops', 'relation', 'from'], ['hops', 'relation', 'to']] as const;

export const pathResolvers: Resolvers = {
  Query: {
    connection: async (_root, args, ctx, info): Promise<PathModel[]> => {
      const maxLength = intInRange('maxLength', args.maxLength, 1, 8, 6);
      const limit = intInRange('limit', args.limit, 1, 20, 5);
      if (args.from === args.to) throw badInput('to', 'must differ from "from".');
      const q = { from: args.from, to: args.to, maxLength, all: Boolean(args.all), limit, excludeTypes: args.excludeTypes ?? [], statedOnly: Boolean(args.statedOnly) };
      const statement = compiledAround(info, connectionShape(q.all, q.maxLength, q.statedOnly), (compiler) =>
        connectionText(q.all, q.maxLength, q.statedOnly, {
          node: compiler.entity('n', ENTITY_PATHS),
          relationProperties: readsRelationProperties(compiler.fieldNames(['hops', 'relation'])),
        }),
      );
      const read = await ctx.paths.paths(q, statement);
      if (read.missing) throw await unknownId(ctx.suggestions, { argument: read.missing, id: args[read.missing], kind: null });
      return read.paths;
    },
  },
  Path: {
    length: (p) => p.hops.length,
    nodes: (p) => p.nodes,
  },
  Hop: {
    from: (h) => h.from,
    to: (h) => h.to,
    // The relation's ends are this hop's ends: handed to Relation.from/to as compiled values.
    relation: (h, _args, _ctx, info: GraphQLResolveInfo) => {
      const [from, to] = h.relation.from === h.from.id ? [h.from, h.to] : [h.to, h.from];
      return withEnds(info)(h.relation, from, to);
    },
    direction: (h) => (h.relation.from === h.from.id ? 'FORWARD' : 'BACKWARD'),
  },
};
