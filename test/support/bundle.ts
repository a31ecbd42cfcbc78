/** The curated bundle file as input a test may break before validating it. */
import { curatedFile } from '../../src/bundle/load.js';
import { readBundleFile } from '../../src/bundle/source-files.js';
import type { BundleInput, NodeInput, RelationInput } from '../../src/bundle/validate.js';

export type CuratedInput = BundleInput & { nodes: NodeInput[]; relations: RelationInput[] };

/** A fresh copy of the curated file as read (before validation), typed as the bundle input it is. */
export function curatedInput(): CuratedInput {
  return structuredClone(readBundleFile(curatedFile)) as CuratedInput;
}

/** The one record with this id; throws when there is none (so a test's change cannot miss silently). */
export function byId<T extends { id?: string }>(records: T[], id: string): T {
  const found = records.find((r) => r.id === id);
  if (!found) throw new Error(`no record ${id} in the curated bundle`);
  return found;
}
