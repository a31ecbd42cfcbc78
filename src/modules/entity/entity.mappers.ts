import type { NodeKind } from '../../model/model.js';

/** The stored shape of an entity: the flat property map of an (:Entity) node (see src/bundle/validate.ts). */
export interface EntityRow {
  id: string;
  kind: NodeKind;
  name: string;
  aliases: string[];
  description: string | null;
  text?: string | null;
  sourceIds: string[];
  quotes: string[];
  alternateTitles?: string[];
  alternateTitleNotes?: string[];
  [property: string]: unknown;
}
