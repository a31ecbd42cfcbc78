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

  it('matches the shared source document (../shared, the only source) byte for byte', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const shared = path.resolve(projectRoot, '../shared/sources/000_7160722c1195e99c.txt');
    // A missing ../shared is a failure, not a pass: the copy in data/sources/ could not be checked.
    expect(fs.existsSync(shared), `${shared} must exist`).toBe(true);
    expect(fs.readFileSync(path.join(projectRoot, 'data/sources/000_7160722c1195e99c.txt'), 'utf8')).toBe(fs.readFileSync(shared, 'utf8'));
  });
});
