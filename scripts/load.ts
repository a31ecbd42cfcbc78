/**
 * `npm run load -- [--connections 100] [--duration 300] [--url http://127.0.0.1:4000]`
 *
 * Drives a mix of the example operations (examples/*.graphql) with autocannon at a fixed number of
 * concurrent clients, on loopback only, for a bounded time, and reports throughput, p50/p99 latency,
 * errors (HTTP and GraphQL) and the server's resident memory before and after. Without --url it starts
 * its own server and embedded Neo4j (separate ports and data folder) and stops them afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { freePort } from '../src/db/embedded.js';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '100' },
    duration: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '10' },
    url: { type: 'string' },
  },
});
const connections = Number(values.connections);
const duration = Number(values.duration);
if (!(connections >= 1 && connections <= 500) || !(duration >= 1 && duration <= 1800)) {
  console.error('--connections must be 1-500 and --duration 1-1800 seconds');
  process.exit(2);
}

let server: ChildProcess | undefined;
let url = values.url;
if (url && !/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(url)) {
  console.error('--url must be a loopback address (127.x.x.x, localhost or [::1]): this script never loads another host.');
  process.exit(2);
}

function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

if (!url) {
  const port = await freePort();
  const boltPort = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'commit-kg-load-'));
  server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, PORT: String(port), NEO4J_EMBEDDED_PORT: String(boltPort), NEO4J_DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'production' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 240_000;
  for (;;) {
    const ok = await fetch(`${url}/health`).then((r) => r.ok).catch(() => false);
    if (ok) break;
    if (Date.now() > deadline || server.exitCode !== null) {
      console.error('the server did not become healthy');
      process.exit(1);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  process.on('exit', () => server?.kill('SIGTERM'));
}

const operations = fs
  .readdirSync('examples')
  .filter((f) => f.endsWith('.graphql'))
  .sort()
  .map((f) => ({ name: f, body: JSON.stringify({ query: fs.readFileSync(path.join('examples', f), 'utf8') }) }));

let graphqlErrors = 0;
const requests = operations.map((op) => ({
  method: 'POST' as const,
  path: '/graphql',
  headers: { 'content-type': 'application/json' },
  body: op.body,
  onResponse: (status: number, body: string) => {
    if (status === 200 && body.includes('"errors"')) graphqlErrors++;
  },
}));

function run(seconds: number) {
  return autocannon({ url: url!, connections, duration: seconds, requests, timeout: 10 });
}

console.log(`load: ${operations.length} operations, ${connections} connections, ${duration}s against ${url}`);
await run(Number(values.warmup));
graphqlErrors = 0;
const pid = server?.pid;
const rssBefore = pid ? rssOf(pid) : null;
const result = await run(duration);
const rssAfter = pid ? rssOf(pid) : null;

const mb = (b: number | null) => (b === null ? 'n/a' : `${(b / 1048576).toFixed(1)} MiB`);
const report = {
  connections,
  durationSeconds: duration,
  requests: result.requests.total,
  throughputRps: Math.round(result.requests.average),
  latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
  errors: { http: result.errors + result.timeouts + result.non2xx, graphql: graphqlErrors },
  serverRss: { before: mb(rssBefore), after: mb(rssAfter), growthPercent: rssBefore && rssAfter ? Number((((rssAfter - rssBefore) / rssBefore) * 100).toFixed(1)) : null },
};
console.log(JSON.stringify(report, null, 2));
fs.mkdirSync('bench/out', { recursive: true });
fs.writeFileSync(`bench/out/load-${connections}c-${duration}s.json`, `${JSON.stringify(report, null, 2)}\n`);
server?.kill('SIGTERM');
process.exit(report.errors.http + report.errors.graphql > 0 ? 1 : 0);
