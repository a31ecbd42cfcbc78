export interface SearchHitModel {
  nodeId: string;
  score: number;
  /** The query is the entity's name or an alias (same lookup form). */
  exact: boolean;
  field: string;
  passage: string;
}
