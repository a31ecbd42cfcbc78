/** Bundles name node kinds as stored (`Meeting`) or as the GraphQL API does (`MEETING`); both store the PascalCase form. */
import { describe, expect, it } from 'vitest';
import { curatedFile } from '../../src/bundle/load.js';
import { readBundleFile } from '../../src/bundle/source-files.js';
import { BundleError, storedKind, validateBundle, type BundleInput } from '../../src/bundle/validate.js';
import { NODE_KIND_VALUES } from '../../src/model/model.js';

const curated = (): BundleInput => structuredClone(readBundleFile(curatedFile)) as BundleInput;
const apiKind = (stored: string) => Object.entries(NODE_KIND_VALUES).find(([, s]) => s === stored)![0];

describe('node kinds in bundles', () => {
  it('accepts the API ALL_CAPS kinds and validates to exactly what the stored kinds give', () => {
    const stored = curated();
    const capitals = curated();
    for (const n of capitals.nodes ?? []) n.kind = apiKind(n.kind);
    expect(new Set((capitals.nodes ?? []).map((n) => n.kind))).toContain('PLAN_AREA');
    expect(validateBundle(capitals)).toEqual(validateBundle(stored));
    expect(validateBundle(capitals).nodes.find((n) => n.id === 'meeting:imm-2')!.kind).toBe('Meeting');
  });

  it('maps each ALL_CAPS kind to its stored kind and leaves any other text as it is', () => {
    for (const [api, stored] of Object.entries(NODE_KIND_VALUES)) expect([storedKind(api), storedKind(stored)]).toEqual([stored, stored]);
    expect([storedKind('meeting'), storedKind('Spaceship'), storedKind('constructor')]).toEqual(['meeting', 'Spaceship', 'constructor']);
  });

  it('still refuses a kind that is neither form, naming both forms', () => {
    const bundle = curated();
    bundle.nodes![0]!.kind = 'meeting';
    expect(() => validateBundle(bundle)).toThrow(BundleError);
    expect(() => validateBundle(bundle)).toThrow(/unknown kind "meeting"; one of Process, .* \(or its ALL_CAPS form, e\.g\. MEETING\)/);
  });
});
