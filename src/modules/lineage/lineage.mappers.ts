import type { RelationRow } from '../relation/relation.mappers.js';

/** Which way a step was reached: to older things (ANCESTORS) or newer ones (DESCENDANTS). */
export type LineageDirection = 'ANCESTORS' | 'DESCENDANTS';

export interface LineageStepModel {
  depth: number;
  direction: LineageDirection;
  relation: RelationRow;
}

export interface LineageModel {
  rootId: string;
  steps: LineageStepModel[];
  nodeIds: string[];
}
