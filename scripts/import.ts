/**
 * `npm run import -- FILE.json|FILE.yaml` or `npm run import -- --nodes nodes.csv --relations relations.csv`
 * Validates the whole bundle first (every quote against its source), then applies it in one transaction
 * with a progress bar; any invalid record refuses all of it with the list of problems, and nothing changes.
 * CSV columns: nodes.csv id,kind,name,aliases(|-separated),description,source,quote; relations.csv
 * [id,]type,from,to,source,quote[,basis,reasoning]; one row per quote; cited sources must already be registered.
 */
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { parse as parseCsv } from 'csv-parse/sync';
import { readBundleFile } from '../src/bundle/validate.js';
import { CurationRepository } from '../src/modules/curation/curation.repository.js';
import { connect } from './db-connect.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { nodes: { type: 'string' }, relations: { type: 'string' } } });

function fromCsv(): unknown {
  const rows = (file: string | undefined) => (file ? (parseCsv(fs.readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[]) : []);
  const nodes = new Map<string, Record<string, unknown>>();
  for (const r of rows(values.nodes)) {
    const n = nodes.get(r.id!) ?? { id: r.id, kind: r.kind, name: r.name, ...(r.aliases ? { aliases: r.aliases.split('|') } : {}), ...(r.description ? { description: r.description } : {}), quotes: [] };
    (n.quotes as unknown[]).push({ source: r.source, quote: r.quote });
    nodes.set(r.id!, n);
  }
  const relations = new Map<string, Record<string, unknown>>();
  for (const r of rows(values.relations)) {
    const key = r.id || `${r.type}|${r.from}|${r.to}`;
    const rel = relations.get(key) ?? { ...(r.id ? { id: r.id } : {}), type: r.type, from: r.from, to: r.to, ...(r.basis ? { basis: r.basis } : {}), ...(r.reasoning ? { reasoning: r.reasoning } : {}), quotes: [] };
    (rel.quotes as unknown[]).push({ source: r.source, quote: r.quote });
    relations.set(key, rel);
  }
  return { nodes: [...nodes.values()], relations: [...relations.values()] };
}

const file = positionals[0];
if (!file && !values.nodes && !values.relations) {
  console.error('usage: npm run import -- FILE.json|FILE.yaml  or  npm run import -- --nodes nodes.csv --relations relations.csv');
  process.exit(2);
}
const bundle = file ? readBundleFile(file) : fromCsv();
const { executor, close } = await connect();
let code = 0;
const bar = new SingleBar({ format: 'importing [{bar}] {percentage}% | {value}/{total} records', hideCursor: true }, Presets.shades_classic);
try {
  let started = false;
  const result = await new CurationRepository(executor).importBundle(bundle, { name: `cli:${os.userInfo().username}`, role: 'admin' }, {
    // The command line may name source files (only inside data/sources/); the API never can.
    readFiles: true,
    onProgress: (done, total) => {
      if (!started) bar.start(total, 0);
      started = true;
      bar.update(done);
    },
  });
  bar.stop();
  console.log(result.changeId ? `imported ${result.sources} source(s), ${result.nodes} entities, ${result.relations} relations in one transaction: ${result.changed} changed, ${result.unchanged} unchanged (audit ${result.changeId})` : `nothing to change: all ${result.unchanged} records are already stored as given`);
} catch (error) {
  bar.stop();
  const problems = (error as { extensions?: { problems?: { record: string; field: string; reason: string }[] } }).extensions?.problems;
  if (problems) {
    console.error(`refused; nothing was written. ${problems.length} problem(s):`);
    for (const p of problems) console.error(`  ${p.record}  ${p.field}: ${p.reason}`);
  } else console.error((error as Error).message);
  code = 1;
} finally {
  await close();
}
process.exit(code);
