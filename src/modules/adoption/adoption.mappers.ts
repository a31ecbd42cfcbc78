import type { RelationType } from '../../model/model.js';
import type { EntityRow } from '../entity/entity.mappers.js';
import type { DateValueModel } from '../relation/relation.provenance.js';
import type { ProvenanceRow } from '../relation/relation.mappers.js';

/** One (meeting, instrument, article) row as the adoptions query returns it. */
export interface AdoptionRowModel {
  /** Null when the source names no meeting (the governments signed or adopted the instrument). */
  meetingId: string | null;
  instrumentId: string;
  /** SIGNED_AT / ADOPTED_AT at the meeting, or SIGNED_BY / ADOPTED_BY when no meeting is named. */
  relation: RelationType;
  articleId: string | null;
  /** The meeting's date, else the instrument's own signing or adoption date. */
  date: DateValueModel | null;
  provenance: ProvenanceRow[];
  /**
   * The row's entities as its statement projected them for this request (partial rows: they answer this
   * field and are never primed into the node loader); null where there is none.
   */
  meetingNode: EntityRow | null;
  instrumentNode: EntityRow;
  articleNode: EntityRow | null;
}
