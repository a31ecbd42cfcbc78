import type { ProvenanceRow } from '../relation/relation.mappers.js';

export interface TimelineEventModel {
  id: string;
  kind: string;
  date: { text: string; start: string; end: string; precision: string; qualifier: string | null };
  title: string;
  subjectId: string;
  placeId: string | null;
  provenance: ProvenanceRow[];
}
