import type { TimelineEventKind } from '../../generated/resolvers-types.js';
import type { EntityRow } from '../entity/entity.mappers.js';
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
  /**
   * The subject and the place as the statement projected them for this request (partial rows: they answer
   * this field and are never primed into the node loader); the place null where none is known.
   */
  subjectNode: EntityRow;
  placeNode: EntityRow | null;
}
