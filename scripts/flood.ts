/**
 * `npx tsx scripts/flood.ts [--seconds 20] [--flooders 60] [--victims 3] [--slots 32]`
 *
 * Measures whether one client flooding expensive queries starves the others: starts its own server and
 * embedded Neo4j (free ports, a temporary data folder, production mode), then for each phase (no
 * flood; flood with the fair concurrency limit off; flood with it on) runs `--victims` sequential clients
 * from 127.0.0.3 asking a cheap query while `--flooders` concurrent connections from 127.0.0.2 send
 * path searches between entities not connected within maxLength. Prints the victims' p50/p99 and
 * errors, and what the flooder got. Loopback only; every process it starts is stopped at the end.
 */
import http from 'node:http';
import { parseArgs } from 'node:util';
import { runMain } from './cli.js';
import { startServerProcess } from './server-process.js';

const FLOOD = JSON.stringify({ query: '{ connection(from: "objective:4", to: "place:yangon", maxLength: 1, all: true, limit: 50) { length } }' });
const CHEAP = JSON.stringify({ query: '{ node(id: "place:hanoi") { id name } }' });

/** One POST from a given loopback source address; resolves with status and milliseconds. */
function post(port: number, agent: http.Agent, body: string): Promise<{ status: number; ms: number; errors: boolean }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/graphql', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }, timeout: 60_000 }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, errors: text.includes('"errors"') }));
    });
    req.on('error', () => resolve({ status: 0, ms: performance.now() - started, errors: true }));
    req.on('timeout', () => req.destroy());
    req.end(body);
  });
}

const agentFrom = (localAddress: string) => new http.Agent({ keepAlive: true, maxSockets: 1000, localAddress });

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]! : NaN);

interface Load {
  seconds: number;
  flooders: number;
  victims: number;
}

async function phase(port: number, flood: boolean, { seconds, flooders, victims }: Load) {
  let running = true;
  const floodAgent = agentFrom('127.0.0.2');
  // What one flood request costs alone, to show it is expensive.
  const alone = flood ? null : await post(port, floodAgent, FLOOD);
  const victimAgent = agentFrom('127.0.0.3');
  const floodResults: { status: number; ms: number }[] = [];
  const victimResults: { status: number; ms: number; errors: boolean }[] = [];
  const loop = async (agent: http.Agent, body: string, out: { status: number; ms: number }[]) => {
    while (running) out.push(await post(port, agent, body));
  };
  const floodLoops = flood ? Array.from({ length: flooders }, () => loop(floodAgent, FLOOD, floodResults)) : [];
  await new Promise((r) => setTimeout(r, flood ? 2000 : 0));
  const victimLoops = Array.from({ length: victims }, () => loop(victimAgent, CHEAP, victimResults));
  await new Promise((r) => setTimeout(r, seconds * 1000));
  running = false;
  await Promise.all([...victimLoops, ...floodLoops]);
  floodAgent.destroy();
  victimAgent.destroy();
  const ms = victimResults.map((r) => r.ms).sort((a, b) => a - b);
  const statuses = (rs: { status: number }[]) => Object.fromEntries([...new Set(rs.map((r) => r.status))].map((s) => [s, rs.filter((r) => r.status === s).length]));
  return {
    victims: { requests: ms.length, p50Ms: Math.round(percentile(ms, 0.5)), p99Ms: Math.round(percentile(ms, 0.99)), maxMs: Math.round(ms.at(-1) ?? NaN), failed: victimResults.filter((r) => r.status !== 200 || r.errors).length },
    flooder: flood ? { requests: floodResults.length, statuses: statuses(floodResults) } : { oneFloodRequestAloneMs: Math.round(alone!.ms), status: alone!.status },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '20' }, flooders: { type: 'string', default: '60' }, victims: { type: 'string', default: '3' }, slots: { type: 'string', default: '32' } } });
  const seconds = Number(values.seconds);
  const flooders = Number(values.flooders);
  const victims = Number(values.victims);
  const report: Record<string, unknown> = { seconds, flooders, victims, floodQuery: JSON.parse(FLOOD).query };
  for (const [name, slots, flood] of [['no flood', values.slots!, false], ['flood, limit off', '0', true], [`flood, fair limit of ${values.slots} slots`, values.slots!, true]] as const) {
    const server = await startServerProcess('flood', { LOG_LEVEL: 'error', GRAPHQL_CONCURRENCY: slots });
    try {
      report[name] = await phase(server.port, flood, { seconds, flooders, victims });
      console.log(name, JSON.stringify(report[name]));
    } finally {
      await server.stop();
    }
  }
  console.log(JSON.stringify(report, null, 2));
}

await runMain(main);
