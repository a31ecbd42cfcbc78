import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { curatedFile } from '../../src/bundle/load.js';
import { projectRoot } from '../../src/config.js';
import { readBundleFile } from '../../src/bundle/source-files.js';
import { validateBundle } from '../../src/bundle/validate.js';

describe('the curated data file', () => {
  it('validates: every record has a quote found verbatim in its source', () => {
    const bundle = validateBundle(readBundleFile(curatedFile));
    expect(bundle.nodes).toHaveLength(102);
    expect(bundle.relations).toHaveLength(222);
    for (const record of [...bundle.nodes, ...bundle.relations]) expect((record.props.quotes as string[]).length).toBeGreaterThan(0);
  });

  // The copy in data/sources/ is checked against ../shared wherever that folder is beside the project. Where
  // it is not (a clone on its own), the check is reported as skipped, never as passed.
  const shared = path.resolve(projectRoot, '../shared/sources/000_7160722c1195e99c.txt');
  it.skipIf(!fs.existsSync(shared))('matches the shared source document (../shared, the only source) byte for byte', () => {
    expect(fs.readFileSync(path.join(projectRoot, 'data/sources/000_7160722c1195e99c.txt'), 'utf8')).toBe(fs.readFileSync(shared, 'utf8'));
  });
});
