import type { RelationRow } from '../relation/relation.mappers.js';

export interface HopModel {
  fromId: string;
  toId: string;
  relation: RelationRow;
}

export interface PathModel {
  nodeIds: string[];
  hops: HopModel[];
}
