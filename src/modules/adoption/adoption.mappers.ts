import type { RelationType } from '../../model/model.js';
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
}
