/**
 * Writes persisted-operations.json: every operation in examples/, the explorer and the curation
 * operations (src/graphql/curation-operations.graphql), keyed by hash. Run by `npm run codegen`.
 */
import fs from 'node:fs';
import { parse, print, type OperationDefinitionNode } from 'graphql';
import * as explorer from '../explorer/src/generated.js';
import { manifestFile, operationHash } from '../src/graphql/trusted-operations.js';
import { exampleOperations, runMain } from './cli.js';

const curation = 'src/graphql/curation-operations.graphql';

function main(): void {
  const documents: { source: string; text: string }[] = exampleOperations().map(({ file, text }) => ({ source: `examples/${file}`, text }));
  for (const op of parse(fs.readFileSync(curation, 'utf8')).definitions) {
    if (op.kind === 'OperationDefinition') documents.push({ source: `${curation}:${op.name?.value}`, text: print(op) });
  }
  for (const [name, value] of Object.entries(explorer)) {
    if (name.endsWith('Document') && value) documents.push({ source: `explorer:${name}`, text: String(value) });
  }
  const operations: Record<string, { name: string; source: string; document: string }> = {};
  for (const d of documents) {
    const op = parse(d.text).definitions.find((x): x is OperationDefinitionNode => x.kind === 'OperationDefinition');
    operations[operationHash(d.text)] = { name: op?.name?.value ?? '(anonymous)', source: d.source, document: print(parse(d.text)) };
  }
  const sorted = Object.fromEntries(Object.entries(operations).sort(([, a], [, b]) => a.source.localeCompare(b.source)));
  fs.writeFileSync(manifestFile, `${JSON.stringify({ operations: sorted }, null, 2)}\n`);
  console.log(`persisted-operations.json: ${Object.keys(sorted).length} operations`);
}

await runMain(main);
