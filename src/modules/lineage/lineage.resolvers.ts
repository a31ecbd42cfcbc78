/**
 * Lineage of an instrument or plan area: one Cypher statement returning ordered steps and their entities
 * (primed into the node loader). The depth bound and direction are compiled into the pattern.
 */
import { cypher } from '../../db/executor.js';
import { badInput, notFound } from '../../errors.js';
import { intInRange } from '../../graphql/arguments.js';
import type { Resolvers } from '../../generated/resolvers-types.js';
import { LINEAGE_TYPES, type RelationType } from '../../model/model.js';
import { provenanceOf } from '../relation/relation.provenance.js';
import type { EntityRow } from '../entity/entity.mappers.js';
import type { LineageModel } from './lineage.mappers.js';

const texts = new Map<string, string>();

/** The statement for one direction (or both) and depth bound; the same text every time (plan cache hits). */
export function lineageText(direction: 'ANCESTORS' | 'DESCENDANTS' | 'BOTH', depth: number): string {
  const key = `${direction}|${depth}`;
  let text = texts.get(key);
  if (text === undefined) {
    const [main, ancestors, descendants] = cypher('queries/lineage/lineage').split(/^\/\/ @(?:ANCESTORS|DESCENDANTS)\n/m) as [string, string, string];
    const branches = [direction !== 'DESCENDANTS' ? ancestors : null, direction !== 'ANCESTORS' ? descendants : null].filter(Boolean).join('  UNION ALL\n');
    text = main.replace(/^ *\/\*BRANCHES\*\/$/m, branches.trimEnd()).replaceAll('/*DEPTH*/', String(depth));
    texts.set(key, text);
  }
  return text;
}

export const lineageResolvers: Resolvers = {
  Query: {
    lineage: async (_root, args, ctx): Promise<LineageModel> => {
      const depth = intInRange('depth', args.depth, 1, 10, 5);
      const kinds = args.kinds ?? [...LINEAGE_TYPES];
      const notLineage = kinds.filter((k) => !(LINEAGE_TYPES as readonly string[]).includes(k));
      if (notLineage.length > 0) throw badInput('kinds', `${notLineage.join(', ')} ${notLineage.length === 1 ? 'is' : 'are'} not a lineage relation; use ${LINEAGE_TYPES.join(', ')}.`);
      const direction = args.direction ?? 'BOTH';
      const [row] = await ctx.executor.readText('queries/lineage/lineage', lineageText(direction, depth), { id: args.id, kinds }, ctx.counter);
      if (!row?.root) throw notFound('entity', args.id);
      // The statement returns the entities too: later fields read them from the loader, not the database.
      for (const node of [row.root, ...(row.nodes as EntityRow[])] as EntityRow[]) ctx.loaders.node.prime(node.id, node);
      const steps = (row.steps as Record<string, unknown>[]).map((r) => ({
        depth: Number(r.depth),
        direction: r.direction as 'ANCESTORS' | 'DESCENDANTS',
        relation: { id: String((r.props as { id: string }).id), type: r.type as RelationType, from: String(r.from), to: String(r.to), props: r.props as Record<string, unknown> },
      }));
      const nodeIds = [...new Set([args.id, ...steps.flatMap((s) => [s.relation.from, s.relation.to])])];
      return { rootId: args.id, steps, nodeIds };
    },
  },
  Lineage: {
    root: (l, _args, ctx) => ctx.loaders.node.load(l.rootId).then((n) => n!),
    nodes: async (l, _args, ctx) => (await ctx.loaders.node.loadMany(l.nodeIds)).filter((n): n is EntityRow => Boolean(n) && !(n instanceof Error)),
  },
  LineageStep: {
    from: (s, _args, ctx) => ctx.loaders.node.load(s.relation.from).then((n) => n!),
    to: (s, _args, ctx) => ctx.loaders.node.load(s.relation.to).then((n) => n!),
    relation: (s) => s.relation.type,
    sources: (s) => provenanceOf(s.relation.props),
  },
};
