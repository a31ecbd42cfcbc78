/**
 * A bounded subgraph around an entity, grown breadth-first: one statement for up to three hops, each
 * hop's expansion capped at 20 x `limit` rows, with the short search timeout of path queries. The
 * statement returns the entities too (primed into the node loader: `center` and `nodes` cost nothing more).
 */
import { cypher } from '../../db/executor.js';
import { notFound } from '../../errors.js';
import { intInRange } from '../../graphql/arguments.js';
import type { Resolvers } from '../../generated/resolvers-types.js';
import { RELATION_TYPES, type RelationType } from '../../model/model.js';
import type { RelationRow } from '../relation/relation.mappers.js';
import type { EntityRow } from '../entity/entity.mappers.js';
import { SEARCH_TIMEOUT_MS } from '../path/path.resolvers.js';
import type { NeighbourhoodModel } from './neighbourhood.mappers.js';

/** Rows read per hop, per entity allowed: the compiled cap the cost estimate uses too. */
export const ROWS_PER_ENTITY = 20;

const texts = new Map<string, string>();

/**
 * The statement for a set of relation types (null: all; empty: none, the centre alone) and whether kinds
 * are filtered: absent filters are compiled out, present ones become the relationship pattern's types.
 */
export function neighbourhoodText(types: readonly string[] | null, kinds: boolean): string {
  const key = `${types?.join('|') ?? '*'}|${kinds}`;
  let text = texts.get(key);
  if (text === undefined) {
    // Types come from the RelationType enum; checked again here because they become statement text.
    const known = types?.filter((t) => (RELATION_TYPES as readonly string[]).includes(t)) ?? null;
    const filters = [known?.length === 0 ? 'AND false' : '', kinds ? 'AND m.kind IN $kinds' : ''].filter(Boolean).join(' ');
    text = cypher('queries/neighbourhood/neighbourhood')
      .replaceAll('/*TYPES*/', known?.length ? `:${known.join('|')}` : '')
      .replaceAll('/*FILTERS*/', filters);
    texts.set(key, text);
  }
  return text;
}

interface HopRow {
  id: string;
  other: string;
  type: RelationType;
  outgoing: boolean;
  props: Record<string, unknown>;
  node: EntityRow;
}

export const neighbourhoodResolvers: Resolvers = {
  Query: {
    neighbourhood: async (_root, args, ctx): Promise<NeighbourhoodModel> => {
      const hops = intInRange('hops', args.hops, 1, 3, 1);
      const limit = intInRange('limit', args.limit, 1, 500, 150);
      const cap = limit * ROWS_PER_ENTITY;
      const types = args.types ? [...new Set(args.types)].sort() : null;
      const [row] = await ctx.executor.readText(
        'queries/neighbourhood/neighbourhood',
        neighbourhoodText(types, Boolean(args.kinds)),
        { id: args.id, hops, limit, cap, kinds: args.kinds ?? null },
        ctx.counter,
        SEARCH_TIMEOUT_MS,
      );
      if (!row) throw notFound('entity', args.id);
      ctx.loaders.node.prime(args.id, row.center as EntityRow);
      const included = new Set([args.id]);
      const relations = new Map<string, RelationRow>();
      let truncated = false;
      for (const hopRows of row.hops as HopRow[][]) {
        if (hopRows.length >= cap) truncated = true;
        for (const r of hopRows) {
          ctx.loaders.node.prime(r.other, r.node);
          if (!included.has(r.other)) {
            if (included.size >= limit) {
              truncated = true;
              continue;
            }
            included.add(r.other);
          }
          relations.set(String(r.props.id), { id: String(r.props.id), type: r.type, from: r.outgoing ? r.id : r.other, to: r.outgoing ? r.other : r.id, props: r.props });
        }
      }
      return { centerId: args.id, nodeIds: [...included], relations: [...relations.values()], truncated };
    },
  },
  Neighbourhood: {
    center: (n, _args, ctx) => ctx.loaders.node.load(n.centerId).then((x) => x!),
    nodes: async (n, _args, ctx) => (await ctx.loaders.node.loadMany(n.nodeIds)).filter((x): x is EntityRow => Boolean(x) && !(x instanceof Error)),
  },
};
