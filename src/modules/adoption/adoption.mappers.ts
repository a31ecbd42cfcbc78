import type { RelationType } from '../../model/model.js';
import type { ProvenanceRow } from '../relation/relation.mappers.js';

/** One (meeting, instrument, article) row as the adoptions query returns it. */
export interface AdoptionRowModel {
  meetingId: string;
  instrumentId: string;
  relation: RelationType;
  articleId: string | null;
  provenance: ProvenanceRow[];
}
