/**
 * A bounded subgraph around an entity, grown breadth-first: one statement for up to three hops, each
 * hop's expansion capped at ROWS_PER_ENTITY x `limit` rows, with the short search timeout of path
 * queries. The statement returns the entities too.
 */
import { cypher, type Executor } from '../../db/executor.js';
import { statementTexts } from '../../db/template.js';
import { RELATION_TYPES, type RelationType } from '../../model/model.js';
import type { EntityRow } from '../entity/entity.mappers.js';
import { relationRow, type RelationRow } from '../relation/relation.mappers.js';
import { statedPredicate } from '../relation/relation.provenance.js';
import { SEARCH_TIMEOUT_MS } from '../path/path.repository.js';
import type { NeighbourhoodModel } from './neighbourhood.mappers.js';

/** Rows read per hop, per entity allowed: the compiled cap the cost estimate uses too. */
export const ROWS_PER_ENTITY = 20;

export interface NeighbourhoodQuery {
  id: string;
  hops: number;
  /** At most this many entities. */
  limit: number;
  /** Relation types to walk (null: all; empty: none, the centre alone). */
  types: readonly string[] | null;
  kinds: readonly string[] | null;
  /** Walk only relations the source states (basis STATED). */
  statedOnly: boolean;
}

export interface NeighbourhoodRead {
  neighbourhood: NeighbourhoodModel;
  /** Every entity the statement returned, the centre first (for the node loader). */
  entities: EntityRow[];
}

const texts = statementTexts();

/**
 * The statement for a set of relation types (null: all; empty: none, the centre alone), whether kinds
 * are filtered and whether only stated relations are walked: absent filters are compiled out, present
 * ones become the relationship pattern's types and predicates.
 */
export function neighbourhoodText(types: readonly string[] | null, kinds: boolean, statedOnly = false): string {
  return texts(`${types?.join('|') ?? '*'}|${kinds}|${statedOnly}`, () => {
    // Types come from the RelationType enum; checked again here because they become statement text.
    const known = types?.filter((t) => (RELATION_TYPES as readonly string[]).includes(t)) ?? null;
    const filters = [known?.length === 0 ? 'AND false' : '', kinds ? 'AND m.kind IN $kinds' : '', statedOnly ? `AND ${statedPredicate('r')}` : ''].filter(Boolean).join(' ');
    return cypher('queries/neighbourhood/neighbourhood')
      .replaceAll('/*TYPES*/', known?.length ? `:${known.join('|')}` : '')
      .replaceAll('/*FILTERS*/', filters);
  });
}

interface HopRow {
  id: string;
  other: string;
  type: RelationType;
  outgoing: boolean;
  props: Record<string, unknown>;
  node: EntityRow;
}

/**
 * Maps the statement's one row (null: no such centre). Entities are included in row order while fewer
 * than `limit` are; `truncated` says the limit or a hop's row cap cut the subgraph short.
 */
export function neighbourhoodOf(id: string, limit: number, cap: number, row: Record<string, unknown> | undefined): NeighbourhoodRead | null {
  if (!row) return null;
  const entities: EntityRow[] = [row.center as EntityRow];
  const included = new Set([id]);
  const relations = new Map<string, RelationRow>();
  let truncated = false;
  for (const hopRows of row.hops as HopRow[][]) {
    if (hopRows.length >= cap) truncated = true;
    for (const r of hopRows) {
      entities.push(r.node);
      if (!included.has(r.other)) {
        if (included.size >= limit) {
          truncated = true;
          continue;
        }
        included.add(r.other);
      }
      const relation = relationRow(r.type, r.outgoing ? r.id : r.other, r.outgoing ? r.other : r.id, r.props);
      relations.set(relation.id, relation);
    }
  }
  return { neighbourhood: { centerId: id, nodeIds: [...included], relations: [...relations.values()], truncated }, entities };
}

export class NeighbourhoodRepository {
  constructor(
    private readonly executor: Executor,
  ) {}

  async neighbourhood(q: NeighbourhoodQuery): Promise<NeighbourhoodRead | null> {
    const cap = q.limit * ROWS_PER_ENTITY;
    const types = q.types ? [...new Set(q.types)].sort() : null;
    const [row] = await this.executor.readText(
      'queries/neighbourhood/neighbourhood',
      neighbourhoodText(types, Boolean(q.kinds), q.statedOnly),
      { id: q.id, hops: q.hops, limit: q.limit, cap, kinds: q.kinds },
      SEARCH_TIMEOUT_MS,
    );
    return neighbourhoodOf(q.id, q.limit, cap, row);
  }
}
