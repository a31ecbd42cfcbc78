import type { EntityRow } from '../entity/entity.mappers.js';
import type { RelationRow } from '../relation/relation.mappers.js';

/** Which way a step was reached: to older things (ANCESTORS) or newer ones (DESCENDANTS). */
export type LineageDirection = 'ANCESTORS' | 'DESCENDANTS';

export interface LineageStepModel {
  depth: number;
  direction: LineageDirection;
  relation: RelationRow;
  /** The step's ends as the statement projected them for this request (null: read through the node loader). */
  fromNode: EntityRow | null;
  toNode: EntityRow | null;
}

/**
 * A lineage as its statement returned it. The entities are partial rows (only what the selection reads):
 * they answer this field and are never primed into the node loader, which other fields read whole.
 */
export interface LineageModel {
  rootId: string;
  root: EntityRow;
  steps: LineageStepModel[];
  /** The root, then every step's ends, once each. */
  nodes: EntityRow[];
}
