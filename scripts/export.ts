/**
 * `npm run export -- [--format json|graphml|csv] [--root <id> --hops <n>] [--out <file or folder>]`
 * JSON is a bundle that `npm run import` takes back losslessly; GraphML opens in Gephi, yEd and
 * Cytoscape desktop; CSV writes nodes.csv and relations.csv into the --out folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { toCsv } from '../src/bundle/csv.js';
import { exportBundle, toGraphML } from '../src/bundle/export.js';
import { runMain } from './cli.js';
import { connect } from './db-connect.js';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { format: { type: 'string', default: 'json' }, root: { type: 'string' }, hops: { type: 'string', default: '1' }, out: { type: 'string' } } });
  if (!['json', 'graphml', 'csv'].includes(values.format!)) {
    console.error('--format must be json, graphml or csv');
    return 2;
  }
  const { executor, close } = await connect();
  try {
    const bundle = await exportBundle(executor, values.root ? { root: values.root, hops: Number(values.hops) } : {});
    if (values.format === 'csv') {
      const dir = values.out ?? 'export-csv';
      fs.mkdirSync(dir, { recursive: true });
      const csv = toCsv(bundle);
      fs.writeFileSync(path.join(dir, 'nodes.csv'), csv.nodes);
      fs.writeFileSync(path.join(dir, 'relations.csv'), csv.relations);
      console.error(`wrote ${dir}/nodes.csv and ${dir}/relations.csv`);
    } else {
      const text = values.format === 'json' ? `${JSON.stringify(bundle, null, 2)}\n` : toGraphML(bundle);
      if (values.out) fs.writeFileSync(values.out, text);
      else process.stdout.write(text);
      console.error(`exported ${bundle.nodes.length} entities, ${bundle.relations.length} relations, ${bundle.sources.length} source(s)${values.out ? ` to ${values.out}` : ''}`);
    }
    return 0;
  } finally {
    await close();
  }
}

await runMain(main);
