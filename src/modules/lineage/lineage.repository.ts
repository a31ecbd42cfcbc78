/**
 * Lineage of an instrument or plan area: one Cypher statement returning ordered steps and the entities
 * they touch. The depth bound, the direction and a stated-only filter are compiled into the pattern.
 */
import { cypher, type Executor } from '../../db/executor.js';
import { LINEAGE_TYPES, type RelationType } from '../../model/model.js';
import type { EntityRow } from '../entity/entity.mappers.js';
import { asIs, decoderOf, type Decode, type ModuleStatement } from '../../planner/planned.js';
import { relationRow } from '../relation/relation.mappers.js';
import { statedPredicate } from '../relation/relation.provenance.js';
import type { LineageDirection, LineageModel, LineageStepModel } from './lineage.mappers.js';

export interface LineageQuery {
  id: string;
  direction: LineageDirection | 'BOTH';
  depth: number;
  kinds: readonly string[];
  /** Walk only relations the source states (basis STATED). */
  statedOnly: boolean;
}

/**
 * What the statement returns of each entity and step: projections the planner compiles from the selection
 * (lists, read with the statement's decoders), or maps by default.
 */
export interface LineageProjection {
  /** The projection of the root, variable `root`. */
  root: string;
  /** The projection of every entity a step touches, variable `n`. */
  node: string;
  /** Whether steps carry their relation's properties (else only its id). */
  relationProperties: boolean;
}

/** Every property of every entity and relation (what a caller without a selection gets). */
export const WHOLE: LineageProjection = { root: 'root {.*}', node: 'n {.*}', relationProperties: true };

/**
 * The statement for one direction (or both), depth bound, basis filter and projection; for a given
 * selection the resolver has it compiled once and cached, so the text is the same every time (plan cache hits).
 */
export function lineageText(direction: LineageDirection | 'BOTH', depth: number, statedOnly = false, projection: LineageProjection = WHOLE): string {
  const [main, ancestors, descendants] = cypher('queries/lineage/lineage').split(/^\/\/ @(?:ANCESTORS|DESCENDANTS)\n/m) as [string, string, string];
  const branches = [direction !== 'DESCENDANTS' ? ancestors : null, direction !== 'ANCESTORS' ? descendants : null].filter(Boolean).join('  UNION ALL\n');
  return main
    .replace(/^ *\/\*BRANCHES\*\/$/m, branches.trimEnd())
    .replaceAll('/*TYPES*/', LINEAGE_TYPES.join('|'))
    .replaceAll('/*DEPTH*/', String(depth))
    .replaceAll(' /*STATED*/', statedOnly ? ` AND ${statedPredicate('x')}` : '')
    .replace('/*RELATION*/', projection.relationProperties ? 'r {.*}' : '{id: r.id}')
    .replace('/*NODE*/', projection.node)
    .replace('/*ROOT*/', projection.root);
}

/** The text-changing choices of a request, for the statement caches. */
export const lineageShape = (direction: LineageDirection | 'BOTH', depth: number, statedOnly: boolean) => `${direction}|${depth}|${statedOnly}`;

/** A step as the statement returns it. */
type StoredStep = [depth: number, direction: LineageDirection, type: RelationType, from: string, to: string, props: Record<string, unknown>];

/**
 * Maps the statement's one row; null when the root does not exist. Its entities are partial rows (what the
 * selection reads): each step holds its two ends, and `nodes` is the root then every end, once each.
 */
export function lineageOf(id: string, row: Record<string, unknown> | undefined, decodeRoot: Decode = asIs, decodeNode: Decode = asIs): LineageModel | null {
  const root = row ? (decodeRoot(row.root) as EntityRow | null) : null;
  if (!row || !root) return null;
  const byId = new Map<string, EntityRow>([[root.id, root], ...(row.nodes as unknown[]).map((value): [string, EntityRow] => {
    const n = decodeNode(value) as EntityRow;
    return [n.id, n];
  })]);
  const steps = (row.steps as StoredStep[]).map(
    ([depth, direction, type, from, to, props]): LineageStepModel => ({
      depth: Number(depth),
      direction,
      relation: relationRow(type, from, to, props),
      fromNode: byId.get(from) ?? null,
      toNode: byId.get(to) ?? null,
    }),
  );
  const nodeIds = [...new Set([id, ...steps.flatMap((s) => [s.relation.from, s.relation.to])])];
  return { rootId: id, root, steps, nodes: nodeIds.flatMap((n) => byId.get(n) ?? []) };
}

export class LineageRepository {
  constructor(
    private readonly executor: Executor,
  ) {}

  /**
   * Runs the lineage statement: `statement` is its text for this request's choices and selection (see
   * lineageText; the resolver has it compiled and cached), `params` the selection's own.
   */
  async lineage(q: LineageQuery, statement: ModuleStatement = { text: lineageText(q.direction, q.depth, q.statedOnly) }): Promise<LineageModel | null> {
    const [row] = await this.executor.readText('queries/lineage/lineage', statement.text, { ...statement.params, id: q.id, kinds: q.kinds });
    return lineageOf(q.id, row, decoderOf(statement, 'root'), decoderOf(statement, 'n'));
  }
}
