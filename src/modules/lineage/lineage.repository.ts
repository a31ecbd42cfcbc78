/**
 * Lineage of an instrument or plan area: one Cypher statement returning ordered steps and the entities
 * they touch. The depth bound, the direction and a stated-only filter are compiled into the pattern.
 */
import { cypher, type Executor } from '../../db/executor.js';
import { statementTexts } from '../../db/template.js';
import { LINEAGE_TYPES, type RelationType } from '../../model/model.js';
import type { EntityRow } from '../entity/entity.mappers.js';
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

/** A lineage and the entities its statement returned (for the node loader). */
export interface LineageRead {
  lineage: LineageModel;
  entities: EntityRow[];
}

const texts = statementTexts();

/** The statement for one direction (or both), depth bound and basis filter; the same text every time (plan cache hits). */
export function lineageText(direction: LineageDirection | 'BOTH', depth: number, statedOnly = false): string {
  return texts(`${direction}|${depth}|${statedOnly}`, () => {
    const [main, ancestors, descendants] = cypher('queries/lineage/lineage').split(/^\/\/ @(?:ANCESTORS|DESCENDANTS)\n/m) as [string, string, string];
    const branches = [direction !== 'DESCENDANTS' ? ancestors : null, direction !== 'ANCESTORS' ? descendants : null].filter(Boolean).join('  UNION ALL\n');
    return main
      .replace(/^ *\/\*BRANCHES\*\/$/m, branches.trimEnd())
      .replaceAll('/*TYPES*/', LINEAGE_TYPES.join('|'))
      .replaceAll('/*DEPTH*/', String(depth))
      .replaceAll(' /*STATED*/', statedOnly ? ` AND ${statedPredicate('x')}` : '');
  });
}

/** Maps the statement's one row; null when the root does not exist. */
export function lineageOf(id: string, row: Record<string, unknown> | undefined): LineageRead | null {
  if (!row?.root) return null;
  const steps = (row.steps as Record<string, unknown>[]).map(
    (r): LineageStepModel => ({
      depth: Number(r.depth),
      direction: r.direction as LineageDirection,
      relation: relationRow(r.type as RelationType, String(r.from), String(r.to), r.props as Record<string, unknown>),
    }),
  );
  const nodeIds = [...new Set([id, ...steps.flatMap((s) => [s.relation.from, s.relation.to])])];
  return { lineage: { rootId: id, steps, nodeIds }, entities: [row.root as EntityRow, ...(row.nodes as EntityRow[])] };
}

export class LineageRepository {
  constructor(
    private readonly executor: Executor,
  ) {}

  async lineage(q: LineageQuery): Promise<LineageRead | null> {
    const [row] = await this.executor.readText('queries/lineage/lineage', lineageText(q.direction, q.depth, q.statedOnly), { id: q.id, kinds: q.kinds });
    return lineageOf(q.id, row);
  }
}
