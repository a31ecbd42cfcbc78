import type { EntityRow } from '../entity/entity.mappers.js';

export interface SearchHitModel {
  nodeId: string;
  /** The entity as the statement projected it for this request (a partial row: never primed into the node loader). */
  node: EntityRow;
  score: number;
  /** The query is the entity's name or an alias (same lookup form). */
  exact: boolean;
  /** Where the match is and the passage that matched; null when the request selects neither (then never read). */
  matched: { field: string; passage: string } | null;
}
