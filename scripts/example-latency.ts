/**
 * `npm run examples -- [--url http://127.0.0.1:4000] [--runs 30]`: runs each operation in examples/
 * against a running server (default: the one `npm start` serves, on config's PORT), checks it answers
 * without errors, and prints its median and p95 latency over sequential runs after a warm-up.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { exampleOperations, runMain } from './cli.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { url: { type: 'string', default: `http://127.0.0.1:${loadConfig().port}` }, runs: { type: 'string', default: '30' } } });
  const runs = Number(values.runs);
  const rows: { example: string; medianMs: number; p95Ms: number }[] = [];
  for (const { file, text } of exampleOperations()) {
    const body = JSON.stringify({ query: text });
    const send = async () => {
      const started = performance.now();
      const res = await fetch(`${values.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const json = (await res.json()) as { errors?: unknown[] };
      if (json.errors) throw new Error(`${file} answered errors: ${JSON.stringify(json.errors)}`);
      return performance.now() - started;
    };
    for (let i = 0; i < 5; i++) await send();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push(await send());
    times.sort((a, b) => a - b);
    rows.push({ example: file, medianMs: Number(times[Math.floor(times.length / 2)]!.toFixed(1)), p95Ms: Number(times[Math.floor(times.length * 0.95)]!.toFixed(1)) });
  }
  console.table(rows);
}

await runMain(main);
