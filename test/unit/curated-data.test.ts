import { describe, expect, it } from 'vitest';
import { curatedFile } from '../../src/bundle/load.js';
import { readBundleFile, validateBundle } from '../../src/bundle/validate.js';

describe('the curated data file', () => {
  it('validates: every record has a quote found verbatim in its source', () => {
    const bundle = validateBundle(readBundleFile(curatedFile));
    expect(bundle.nodes).toHaveLength(102);
    expect(bundle.relations).toHaveLength(222);
    for (const record of [...bundle.nodes, ...bundle.relations]) expect((record.props.quotes as string[]).length).toBeGreaterThan(0);
  });

  it('matches the shared source document byte for byte when it is present', async () => {
    const fs = await import('node:fs');
    const shared = '../shared/sources/000_7160722c1195e99c.txt';
    if (!fs.existsSync(shared)) return;
    expect(fs.readFileSync('data/sources/000_7160722c1195e99c.txt', 'utf8')).toBe(fs.readFileSync(shared, 'utf8'));
  });
});
