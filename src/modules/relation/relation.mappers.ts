import type { RelationType } from '../../model/model.js';

/** The stored shape of a relation between two entities, with its end ids. */
export interface RelationRow {
  id: string;
  type: RelationType;
  from: string;
  to: string;
  /** The relation's own properties: sourceIds, quotes, date_*, qualifiers. */
  props: Record<string, unknown>;
}

/** The row of a stored relation read from Cypher: its type, end ids and properties (the id is one of them). */
export function relationRow(type: RelationType, from: string, to: string, props: Record<string, unknown>): RelationRow {
  return { id: String(props.id), type, from, to, props };
}

/** One source + quote pair of a node or relation. */
export interface ProvenanceRow {
  sourceId: string;
  quote: string;
}

/** An instrument signed or adopted at a meeting: the SIGNED_AT/ADOPTED_AT relation. */
export type MeetingInstrumentRow = RelationRow;

/** An organisation holding a role: the HOLDS_ROLE relation. */
export type RoleHoldingRow = RelationRow;
