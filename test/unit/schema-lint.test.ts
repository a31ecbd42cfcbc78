/**
 * The public contract passes graphql-schema-linter with its default rules (every built-in rule: descriptions
 * on types, fields, arguments and enum values, ALL_CAPS enum values, alphabetical order, Relay connections...).
 * The linter runs as its own CLI (`npx graphql-schema-linter schema/*.graphql`), with no JVM or database.
 * `npm run schema:format` fixes the ordering findings.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const cli = path.join(path.dirname(createRequire(import.meta.url).resolve('graphql-schema-linter/package.json')), 'lib', 'cli.js');
const schemaFiles = fs
  .readdirSync('schema')
  .filter((f) => f.endsWith('.graphql'))
  .sort()
  .map((f) => path.join('schema', f));

interface Finding {
  message: string;
  location: { line: number; column: number; file: string };
  rule: string;
}

function lint(args: string[], input?: string): { status: number | null; findings: Finding[]; stderr: string } {
  const run = spawnSync(process.execPath, [cli, '--format', 'json', ...args], { input, encoding: 'utf8' });
  const out = run.stdout.trim();
  return { status: run.status, findings: out ? (JSON.parse(out) as { errors: Finding[] }).errors : [], stderr: run.stderr };
}

describe('schema lint', () => {
  it('finds nothing in schema/*.graphql', () => {
    expect(schemaFiles.length).toBeGreaterThan(5);
    const { status, findings, stderr } = lint(schemaFiles);
    expect(findings.map((f) => `${path.basename(f.location.file)}:${f.location.line} ${f.message} (${f.rule})`)).toEqual([]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
  });

  it('reports what the rules forbid (the check above can fail)', () => {
    const bad = ['"Q."', 'type Query {', '  "B."', '  b: Kind', '  a: Int', '  c: String', '}', '"K."', 'enum Kind {', '  "M."', '  Meeting', '}'].join('\n');
    const { status, findings } = lint(['--stdin'], bad);
    expect(status).toBe(1);
    // The default rule set: ordering, descriptions, ALL_CAPS values, and Relay's PageInfo (this schema has none).
    expect([...new Set(findings.map((f) => f.rule))].sort()).toEqual(['enum-values-all-caps', 'fields-have-descriptions', 'relay-page-info-spec', 'type-fields-sorted-alphabetically']);
  });
});
