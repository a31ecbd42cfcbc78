import type { EntityRow } from '../entity/entity.mappers.js';
import type { RelationRow } from '../relation/relation.mappers.js';

export interface NeighbourhoodModel {
  centerId: string;
  /**
   * The entities, the centre first, as the statement projected them for this request's selection: partial
   * rows, resolved from here and never primed into the node loader.
   */
  nodes: EntityRow[];
  relations: RelationRow[];
  truncated: boolean;
}
