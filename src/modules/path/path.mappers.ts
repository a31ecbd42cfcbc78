import type { EntityRow } from '../entity/entity.mappers.js';
import type { RelationRow } from '../relation/relation.mappers.js';

/**
 * One hop and its two ends, as the path statement projected them for this request (partial rows: they
 * answer this field and are never primed into the node loader).
 */
export interface HopModel {
  from: EntityRow;
  to: EntityRow;
  relation: RelationRow;
}

export interface PathModel {
  /** The entities along the path, from start to end (partial rows, as for hops). */
  nodes: EntityRow[];
  hops: HopModel[];
}
