/**
 * Lineage of an instrument or plan area: arguments checked here, read by the repository in one statement
 * whose entity projections the planner compiles from the selection (`root`, `nodes` and the steps' ends
 * together), so later fields cost no further statement. The rows are partial (only what was selected):
 * they answer this field and are never primed into the node loader, which other fields read whole.
 */
import { badInput } from '../../errors.js';
import { intInRange } from '../../graphql/arguments.js';
import type { Resolvers } from '../../generated/resolvers-types.js';
import { LINEAGE_TYPES } from '../../model/model.js';
import { compiledAround } from '../../planner/planner.js';
import { basisOf, provenanceOf } from '../relation/relation.provenance.js';
import { nodeOrNotFound, unknownId } from '../suggestion/not-found.js';
import type { LineageModel } from './lineage.mappers.js';
import { lineageShape, lineageText } from './lineage.repository.js';

/** Where the entities of a lineage are selected: every one of them may be asked for through any of these. */
const ENTITY_PATHS = [['root'], ['nodes'], ['steps', 'from'], ['steps', 'to']] as const;
/** Step fields answered without the relation's properties. */
const WITHOUT_PROPERTIES = new Set(['__typename', 'depth', 'direction', 'relation', 'from', 'to']);

export const lineageResolvers: Resolvers = {
  Query: {
    lineage: async (_root, args, ctx, info): Promise<LineageModel> => {
      const depth = intInRange('depth', args.depth, 1, 10, 5);
      const kinds = args.kinds ?? [...LINEAGE_TYPES];
      const notLineage = kinds.filter((k) => !(LINEAGE_TYPES as readonly string[]).includes(k));
      if (notLineage.length > 0) throw badInput('kinds', `${notLineage.join(', ')} ${notLineage.length === 1 ? 'is' : 'are'} not a lineage relation; use ${LINEAGE_TYPES.join(', ')}.`);
      const q = { id: args.id, direction: args.direction ?? 'BOTH', depth, kinds, statedOnly: Boolean(args.statedOnly) } as const;
      const statement = compiledAround(info, lineageShape(q.direction, q.depth, q.statedOnly), (compiler) =>
        lineageText(q.direction, q.depth, q.statedOnly, {
          root: compiler.entity('root', ENTITY_PATHS),
          node: compiler.entity('n', ENTITY_PATHS),
          relationProperties: [...compiler.fieldNames(['steps'])].some((f) => !WITHOUT_PROPERTIES.has(f)),
        }),
      );
      const read = await ctx.lineages.lineage(q, statement);
      if (!read) throw await unknownId(ctx.suggestions, { argument: 'id', id: args.id, kind: null });
      return read;
    },
  },
  Lineage: {
    root: (l) => l.root,
    nodes: (l) => l.nodes,
  },
  LineageStep: {
    from: (s, _args, ctx) => s.fromNode ?? nodeOrNotFound(ctx, s.relation.from),
    to: (s, _args, ctx) => s.toNode ?? nodeOrNotFound(ctx, s.relation.to),
    relation: (s) => s.relation.type,
    sources: (s) => provenanceOf(s.relation.props),
    basis: (s) => basisOf(s.relation.props),
  },
};
