import type { RelationRow } from '../relation/relation.mappers.js';

export interface LineageStepModel {
  depth: number;
  direction: 'ANCESTORS' | 'DESCENDANTS';
  relation: RelationRow;
}

export interface LineageModel {
  rootId: string;
  steps: LineageStepModel[];
  nodeIds: string[];
}
