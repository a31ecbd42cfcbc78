/**
 * Reads the files a bundle's sources name (`sources[].file`), for the command line only: the API never
 * reads a server file. A file must resolve, after following every link, to a regular file inside
 * data/sources/ (so `../`, absolute paths, symlinks out of it and siblings such as data/sources-old/ are
 * refused), of at most MAX_SOURCE_BYTES. Reads are synchronous, like the read of the bundle file itself:
 * this runs only in command-line tools and before the server listens, never on a request path, and the
 * size limit bounds it. Problems are reported like any other bundle problem and refuse the whole bundle.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { projectRoot } from '../config.js';
import { echo } from '../errors.js';
import { BundleError, type BundleInput, type Problem } from './validate.js';

export const sourcesDir = path.join(projectRoot, 'data', 'sources');

/** Largest source file read (bytes) unless the caller says otherwise: config's MAX_SOURCE_BYTES default. */
export const DEFAULT_MAX_SOURCE_BYTES = 10 * 1024 * 1024;

/** The canonical path of `file` (relative to the project) if it is a readable source file, else why not. */
export function resolveSourceFile(file: string, dir = sourcesDir, maxBytes = DEFAULT_MAX_SOURCE_BYTES): { path: string } | { reason: string } {
  const outside = { reason: `"${echo(file, 80)}" is not a file inside data/sources/` };
  let real: string;
  let root: string;
  try {
    root = fs.realpathSync(dir);
    real = fs.realpathSync(path.resolve(projectRoot, file));
  } catch {
    return outside;
  }
  if (!real.startsWith(root + path.sep)) return outside;
  const stat = fs.statSync(real);
  if (!stat.isFile()) return outside;
  if (stat.size > maxBytes) return { reason: `"${echo(file, 80)}" is ${stat.size} bytes; a source file may have at most ${maxBytes}` };
  return { path: real };
}

/** A copy of `input` in which every source naming a file (and no text) carries that file's text. */
export function readSourceFiles(input: unknown, maxBytes = DEFAULT_MAX_SOURCE_BYTES): unknown {
  const bundle = input as BundleInput;
  if (!bundle || typeof bundle !== 'object' || !Array.isArray(bundle.sources)) return input;
  const problems: Problem[] = [];
  const sources = bundle.sources.map((s, i) => {
    if (!s || typeof s !== 'object' || typeof s.file !== 'string' || s.text !== undefined) return s;
    const found = resolveSourceFile(s.file, sourcesDir, maxBytes);
    if ('reason' in found) {
      problems.push({ record: `sources[${i}] (${echo(String(s.id), 80)})`, field: 'file', reason: found.reason });
      return s;
    }
    return { ...s, text: fs.readFileSync(found.path, 'utf8') };
  });
  if (problems.length > 0) throw new BundleError(problems);
  return { ...bundle, sources };
}

/**
 * Reads a bundle file (JSON, or YAML) for the command line or the start-up seed (never for a request),
 * with the texts of the source files it names (only from data/sources/). Validation is validateBundle's.
 */
export function readBundleFile(file: string, maxSourceBytes = DEFAULT_MAX_SOURCE_BYTES): unknown {
  const text = fs.readFileSync(file, 'utf8');
  return readSourceFiles(file.endsWith('.json') ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 10_000 }), maxSourceBytes);
}
