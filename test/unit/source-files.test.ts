/** Source files for the command line: only regular files inside data/sources/, canonical path, bounded size. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSourceFiles, resolveSourceFile } from '../../src/bundle/source-files.js';
import { BundleError } from '../../src/bundle/validate.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'commit-kg-sources-'));
const dir = path.join(root, 'sources');
fs.mkdirSync(dir);
fs.mkdirSync(path.join(root, 'sources-evil'));
fs.writeFileSync(path.join(dir, 'ok.txt'), 'the text');
fs.writeFileSync(path.join(root, 'sources-evil', 'secret.txt'), 'secret');
fs.symlinkSync(path.join(root, 'sources-evil', 'secret.txt'), path.join(dir, 'link.txt'));
fs.mkdirSync(path.join(dir, 'folder'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('resolveSourceFile', () => {
  it('accepts a regular file inside the sources folder', async () => {
    expect(await resolveSourceFile(path.join(dir, 'ok.txt'), dir)).toEqual({ path: fs.realpathSync(path.join(dir, 'ok.txt')) });
  });

  it('refuses a sibling folder that shares the prefix (the old startsWith check let it through)', async () => {
    expect(await resolveSourceFile(path.join(root, 'sources-evil', 'secret.txt'), dir)).toHaveProperty('reason');
  });

  it('refuses a symlink leading out of the folder, ../ escapes, folders and missing files', async () => {
    for (const file of [path.join(dir, 'link.txt'), path.join(dir, '..', 'sources-evil', 'secret.txt'), path.join(dir, 'folder'), path.join(dir, 'missing.txt'), '/etc/passwd']) {
      expect(await resolveSourceFile(file, dir), file).toHaveProperty('reason');
    }
  });

  it('refuses a file over MAX_SOURCE_BYTES', async () => {
    expect(await resolveSourceFile(path.join(dir, 'ok.txt'), dir, 4)).toMatchObject({ reason: expect.stringMatching(/at most 4/) });
  });
});

describe('readSourceFiles', () => {
  it('reads the curated source from data/sources/ and refuses a project file outside it', async () => {
    const ok = (await readSourceFiles({ sources: [{ id: 'commit-about', title: 't', file: 'data/sources/000_7160722c1195e99c.txt' }] })) as { sources: { text: string }[] };
    expect(ok.sources[0]!.text.length).toBeGreaterThan(1000);
    expect(() => readSourceFiles({ sources: [{ id: 'x', title: 't', file: 'package.json' }] })).toThrow(BundleError);
    expect(() => readSourceFiles({ sources: [{ id: 'x', title: 't', file: 'data/sources/../../.keys.json' }] })).toThrow(BundleError);
  });
});
