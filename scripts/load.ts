/**
 * `npm run load -- [--connections 100] [--duration 300] [--url http://127.0.0.1:4000]`
 *
 * Drives a mix of the example operations (examples/*.graphql) with autocannon at a fixed number of
 * concurrent clients, on loopback only, for a bounded time, and reports throughput, p50/p99 latency,
 * errors (HTTP and GraphQL) and the server's resident memory before and after. Without --url it starts
 * its own server and embedded Neo4j (separate ports and data folder) and stops them afterwards.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { exampleOperations, runMain } from './cli.js';
import { rssOf, startServerProcess, type ServerProcess } from './server-process.js';

async function main(): Promise<number> {
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
    return 2;
  }
  if (values.url && !/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(values.url)) {
    console.error('--url must be a loopback address (127.x.x.x, localhost or [::1]): this script never loads another host.');
    return 2;
  }
  const server: ServerProcess | undefined = values.url ? undefined : await startServerProcess('load');
  const url = values.url ?? server!.url;
  try {
    const operations = exampleOperations().map((op) => ({ name: op.file, body: JSON.stringify({ query: op.text }) }));
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
    const run = (seconds: number) => autocannon({ url, connections, duration: seconds, requests, timeout: 10 });

    console.log(`load: ${operations.length} operations, ${connections} connections, ${duration}s against ${url}`);
    await run(Number(values.warmup));
    graphqlErrors = 0;
    const pid = server?.child.pid;
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
    return report.errors.http + report.errors.graphql > 0 ? 1 : 0;
  } finally {
    await server?.stop();
  }
}

await runMain(main);
