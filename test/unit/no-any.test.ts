/**
 * Issue 16: no `any` and no `as never` in hand-written TypeScript. The check parses each file with the
 * TypeScript compiler, so comments and strings ("null: any entity") are not matched, and every spelling of
 * the `any` type (`: any`, `as any`, `<any>`, `any[]`, `Array<any>`) is.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOTS = ['src', 'test', 'scripts', 'bench', 'explorer/src', 'editor/src'];
const GENERATED = ['src/generated/', 'explorer/src/generated.ts'];

/** Each `any` type and each cast to `never` in one file's text, as `file:line: what`. */
export function findEscapes(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const report = (node: ts.Node, what: string) =>
    found.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}: ${what}`);
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.AnyKeyword) report(node, `any in \`${node.parent.getText(source).slice(0, 60)}\``);
    if ((ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) && node.type.kind === ts.SyntaxKind.NeverKeyword) report(node, 'cast to never');
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(file);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') && !GENERATED.some((g) => file.startsWith(g)) ? [file] : [];
  });
}

describe('no any, no as never', () => {
  it('finds every spelling, and nothing in comments or strings', () => {
    const snippet = [
      '// a comment about any entity, or as any, or as never',
      "const label = 'null: any entity as never';",
      'const a = JSON.parse(label) as any;',
      'function f(x: any): any[] { return [x]; }',
      'const b = <any>a;',
      'const c: Array<any> = [];',
      'const d = a as never;',
      'const many = 1; const anyone = many;',
    ].join('\n');
    expect(findEscapes('snippet.ts', snippet).map((f) => f.split(': ')[0])).toEqual([
      'snippet.ts:3',
      'snippet.ts:4',
      'snippet.ts:4',
      'snippet.ts:5',
      'snippet.ts:6',
      'snippet.ts:7',
    ]);
  });

  it('holds for src, test, scripts, bench, explorer and editor (generated files aside)', () => {
    const files = ROOTS.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(50);
    expect(files).toContain('test/unit/no-any.test.ts');
    expect(files.flatMap((file) => findEscapes(file, fs.readFileSync(file, 'utf8')))).toEqual([]);
  });
});
