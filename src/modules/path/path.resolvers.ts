/**
 * Shortest path(s) between two entities, hop by hop with provenance: one bounded Cypher statement that
 * also returns the entities on the paths (primed into the node loader, so `nodes`, `from` and `to` cost
 * no further statement). The search has a short timeout of its own (PATH_TIMEOUT_MS, default 2 s) and
 * never falls back to an exhaustive search (see cypher/queries/path/path.cypher).
 */
import { pathTimeoutMs } from '../../config.js';
import { cypher } from '../../db/executor.js';
import { badInput, notFound } from '../../errors.js';
import { intInRange } from '../../graphql/arguments.js';
import type { Resolvers } from '../../generated/resolvers-types.js';
import type { RelationType } from '../../model/model.js';
import type { EntityRow } from '../entity/entity.mappers.js';
import type { RelationRow } from '../relation/relation.mappers.js';
import type { PathModel } from './path.mappers.js';

/** Server-side timeout of one path or neighbourhood statement. */
export const SEARCH_TIMEOUT_MS = pathTimeoutMs();

const texts = new Map<string, string>();

/** The statement for one search mode and length bound; the same text every time (plan cache hits). */
export function connectionText(all: boolean, maxLength: number): string {
  const key = `${all}|${maxLength}`;
  let text = texts.get(key);
  if (text === undefined) {
    text = cypher('queries/path/path').replaceAll('/*SEARCH*/', all ? 'ALL SHORTEST' : 'SHORTEST 1').replaceAll('/*MAX*/', String(maxLength));
    texts.set(key, text);
  }
  return text;
}

interface StoredPath {
  nodes: EntityRow[];
  rels: { type: RelationType; from: string; to: string; props: Record<string, unknown> }[];
}

export const pathResolvers: Resolvers = {
  Query: {
    connection: async (_root, args, ctx): Promise<PathModel[]> => {
      const maxLength = intInRange('maxLength', args.maxLength, 1, 8, 6);
      const limit = intInRange('limit', args.limit, 1, 20, 5);
      if (args.from === args.to) throw badInput('to', 'must differ from "from".');
      const [row] = await ctx.executor.readText(
        args.all ? 'queries/path/path (all)' : 'queries/path/path',
        connectionText(Boolean(args.all), maxLength),
        { from: args.from, to: args.to, limit, exclude: args.excludeTypes ?? [] },
        ctx.counter,
        SEARCH_TIMEOUT_MS,
      );
      if (!row?.fromFound) throw notFound('entity', args.from);
      if (!row.toFound) throw notFound('entity', args.to);
      return (row.paths as StoredPath[]).map((path) => {
        for (const node of path.nodes) ctx.loaders.node.prime(node.id, node);
        const nodeIds = path.nodes.map((n) => n.id);
        return {
          nodeIds,
          hops: path.rels.map((rel, i) => ({
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
    nodes: async (p, _args, ctx) => (await ctx.loaders.node.loadMany(p.nodeIds)).filter((n): n is EntityRow => Boolean(n) && !(n instanceof Error)),
  },
  Hop: {
    from: (h, _args, ctx) => ctx.loaders.node.load(h.fromId).then((n) => n!),
    to: (h, _args, ctx) => ctx.loaders.node.load(h.toId).then((n) => n!),
    relation: (h) => h.relation,
    direction: (h) => (h.relation.from === h.fromId ? 'FORWARD' : 'BACKWARD'),
  },
};
