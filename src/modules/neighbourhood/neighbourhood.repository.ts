/**
 * A bounded subgraph around an entity, grown breadth-first: one statement for up to three hops, each
 * hop's expansion capped at ROWS_PER_ENTITY x `limit` rows, with the short search timeout of path
 * queries. The statement returns the entities too.
 */
import { cypher, type Executor } from '../../db/executor.js';
import { compileTemplate, flagsOn } from '../../db/template.js';
import { RELATION_TYPES, type RelationType } from '../../model/model.js';
import type { EntityRow } from '../entity/entity.mappers.js';
import { asIs, decoderOf, type Decode, type ModuleStatement } from '../../planner/planned.js';
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

/**
 * What the statement returns of each entity and relation: projections the planner compiles from the selection
 * (lists, read with the statement's decoders), or maps by default.
 */
export interface NeighbourhoodProjection {
  /** The projection of the centre, variable `c`. */
  center: string;
  /** The projection of every other entity, variable `m`. */
  node: string;
  /** Whether relations carry their properties (else only their id). */
  relationProperties: boolean;
}

/** Every property of every entity and relation (what a caller without a selection gets). */
export const WHOLE: NeighbourhoodProjection = { center: 'c {.*}', node: 'm {.*}', relationProperties: true };

/**
 * The statement for a set of relation types (null: all; empty: none, the centre alone), whether kinds
 * are filtered, whether only stated relations are walked, and what is returned of each entity and
 * relation: absent filters are compiled out, present ones become the relationship pattern's types and
 * predicates.
 */
export function neighbourhoodText(hops: number, types: readonly string[] | null, kinds: boolean, statedOnly = false, projection: NeighbourhoodProjection = WHOLE): string {
  // Types come from the RelationType enum; checked again here because they become statement text.
  const known = types?.filter((t) => (RELATION_TYPES as readonly string[]).includes(t)) ?? null;
  const filters = [known?.length === 0 ? 'AND false' : '', kinds ? 'AND m.kind IN $kinds' : '', statedOnly ? `AND ${statedPredicate('r')}` : ''].filter(Boolean).join(' ');
  return compileTemplate(cypher('queries/neighbourhood/neighbourhood'), flagsOn({ SECOND_HOP: hops >= 2, THIRD_HOP: hops >= 3 }))
    .replaceAll('/*TYPES*/', known?.length ? `:${known.join('|')}` : '')
    .replaceAll('/*FILTERS*/', filters)
    .replace('/*CENTER*/', projection.center)
    .replace('/*NODE*/', projection.node)
    .replace('/*RELATION*/', projection.relationProperties ? ', properties(x.r)' : '');
}

/** The text-changing choices of a request, for the statement caches. */
export function neighbourhoodShape(hops: number, types: readonly string[] | null, kinds: boolean, statedOnly: boolean): string {
  return `${hops}|${types ? [...new Set(types)].sort().join('|') : '*'}|${kinds}|${statedOnly}`;
}

/**
 * One relation as the statement returns it: the end it was reached from, the other end, its type, whether
 * it points away from the first end, its id, and its properties when the selection reads any.
 */
type HopRow = [from: string, other: string, type: RelationType, outgoing: boolean, id: string, props?: Record<string, unknown>];

/**
 * Maps the statement's one row (null: no such centre). The statement has already applied the limit: its
 * `nodes` are the entities included besides the centre, in the order they were reached, and its hops hold
 * only the relations between included entities; a relation reached from both ends is kept once.
 */
export function neighbourhoodOf(id: string, row: Record<string, unknown> | undefined, center: Decode = asIs, node: Decode = asIs): NeighbourhoodModel | null {
  if (!row) return null;
  const nodes = [center(row.center) as EntityRow, ...(row.nodes as unknown[]).map((n) => node(n) as EntityRow)];
  const relations = new Map<string, RelationRow>();
  for (const hopRows of row.hops as HopRow[][]) {
    for (const [id, other, type, outgoing, relationId, props] of hopRows) {
      const relation = relationRow(type, outgoing ? id : other, outgoing ? other : id, props ?? { id: relationId });
      relations.set(relation.id, relation);
    }
  }
  return { centerId: id, nodes, relations: [...relations.values()], truncated: row.truncated === true };
}

export class NeighbourhoodRepository {
  constructor(
    private readonly executor: Executor,
  ) {}

  /**
   * Runs the neighbourhood statement: `statement` is its text for this request's filters and selection
   * (see neighbourhoodText; the resolver has it compiled and cached), `params` the selection's own.
   */
  async neighbourhood(q: NeighbourhoodQuery, statement: ModuleStatement = { text: neighbourhoodText(q.hops, q.types, Boolean(q.kinds), q.statedOnly) }): Promise<NeighbourhoodModel | null> {
    const cap = q.limit * ROWS_PER_ENTITY;
    const [row] = await this.executor.readText(
      'queries/neighbourhood/neighbourhood',
      statement.text,
      { ...statement.params, id: q.id, limit: q.limit, cap, kinds: q.kinds },
      SEARCH_TIMEOUT_MS,
    );
    return neighbourhoodOf(q.id, row, decoderOf(statement, 'c'), decoderOf(statement, 'm'));
  }
}
