export interface SearchHitModel {
  nodeId: string;
  score: number;
  field: string;
  passage: string;
}
