import type { TimelineEventKind } from '../../generated/resolvers-types.js';
import type { ProvenanceRow } from '../relation/relation.mappers.js';
import type { DateValueModel } from '../relation/relation.provenance.js';

export interface TimelineEventModel {
  id: string;
  kind: TimelineEventKind;
  date: DateValueModel;
  title: string;
  subjectId: string;
  placeId: string | null;
  provenance: ProvenanceRow[];
}
