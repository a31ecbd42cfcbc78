/**
 * `npx tsx bench/profile.ts --scale 1000 [--duration 10] [--op node] [--peer]`: CPU-profiles this server
 * (and with --peer the @neo4j/graphql peer) under one query at 8 clients, on the bench database of that
 * scale. Writes .cpuprofile files to bench/out/profile/ and prints the top self-time functions and the
 * throughput. A diagnostic for bench/README.md ("what the profiling found"), not part of the benchmark.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import neo4j from 'neo4j-driver';
import { projectRoot } from '../src/config.js';
import { freePort } from '../src/db/embedded.js';
import { startBenchDatabase } from './gen.js';

const { values } = parseArgs({ options: { scale: { type: 'string', default: '1000' }, duration: { type: 'string', default: '10' }, peer: { type: 'boolean', default: false }, query: { type: 'string' }, 'peer-query': { type: 'string' }, strace: { type: 'boolean', default: false } } });
const scale = Number(values.scale);
const outDir = path.join(projectRoot, 'bench', 'out', 'profile');
fs.mkdirSync(outDir, { recursive: true });

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount: number; children?: number[] }

function top(file: string, n = 25) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: Node[] };
  const total = profile.nodes.reduce((a, x) => a + x.hitCount, 0);
  const byName = new Map<string, number>();
  for (const x of profile.nodes) {
    const url = x.callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(src|bench)\//, '$1/');
    const key = `${x.callFrame.functionName || '(anonymous)'} ${url}:${x.callFrame.lineNumber}`;
    byName.set(key, (byName.get(key) ?? 0) + x.hitCount);
  }
  return [...byName.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)} %  ${k}`);
}

async function waitFor(url: string) {
  for (let i = 0; i < 240; i++) {
    if (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{__typename}"}' }).then((r) => r.status < 500).catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not start`);
}

async function profileOne(name: string, args: string[], env: Record<string, string>, query: string) {
  const dir = path.join(outDir, name);
  fs.rmSync(dir, { recursive: true, force: true });
  const port = await freePort();
  const wrap = values.strace ? ['strace', '-f', '-c', '-o', path.join(outDir, `${name}.strace`), process.execPath] : [process.execPath];
  const child: ChildProcess = spawn(wrap[0]!, [...wrap.slice(1), '--cpu-prof', `--cpu-prof-dir=${dir}`, '--import', 'tsx', ...args], { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}/graphql`;
  await waitFor(url);
  const body = JSON.stringify({ query });
  await autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections: 8, duration: 3 });
  const cpuOf = (pid: number) => fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ').slice(11, 13).reduce((a, x) => a + Number(x), 0) * 10;
  const dbBefore = cpuOf(db.pid);
  const cpu = () => fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ').slice(11, 13).reduce((a, x) => a + Number(x), 0) * 10;
  const cpuBefore = values.strace ? 0 : cpu();
  const result = await autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections: 8, duration: Number(values.duration) });
  const cpuMs = values.strace ? NaN : cpu() - cpuBefore;
  const dbMs = cpuOf(db.pid) - dbBefore;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGINT');
  await exited;
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  console.log(`\n${name}: p50 ${result.latency.p50} ms, ${result.requests.average} rps, non-2xx ${result.non2xx}, server CPU ${(cpuMs / result.requests.total).toFixed(2)} ms per request, database CPU ${(dbMs / result.requests.total).toFixed(2)} ms per request`);
  if (file) console.log(top(path.join(dir, file)).join('\n'));
}

const db = await startBenchDatabase(scale);
try {
  const driver = neo4j.driver(db.uri, neo4j.auth.basic(db.user, db.password));
  const meeting = String((await driver.executeQuery('MATCH (m:Meeting)<-[:ADOPTED_AT]-(:Instrument) RETURN m.id AS id LIMIT 1')).records[0]!.get('id'));
  await driver.close();
  const env = { NEO4J_URI: db.uri, NEO4J_USER: db.user, NEO4J_PASSWORD: db.password };
  // `--query` may name the meeting the default query uses as $meeting.
  const query = values.query?.replaceAll('$meeting', meeting) ?? `{ node(id: "${meeting}") { id name ... on Meeting { date { text } } } }`;
  await profileOne('this', ['src/main.ts'], { ...env, NODE_ENV: 'production', LOG_LEVEL: 'error', SEED_ON_EMPTY: 'false', MAX_COST: '1000000' }, query);
  if (values.peer) await profileOne('peer', ['bench/peer-server.ts'], env, values['peer-query']?.replaceAll('$meeting', meeting) ?? `{ meetings(where: { id: { eq: "${meeting}" } }) { id name date_text } }`);
} finally {
  await db.stop();
}
