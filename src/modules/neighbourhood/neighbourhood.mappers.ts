import type { RelationRow } from '../relation/relation.mappers.js';

export interface NeighbourhoodModel {
  centerId: string;
  nodeIds: string[];
  relations: RelationRow[];
  truncated: boolean;
}
