import { startBenchDatabase } from '../bench/gen.ts';
import { Executor } from '../src/db/executor.ts';
import { createApp } from '../src/server.ts';
import { loadConfig } from '../src/config.ts';
import { createContext } from '../src/context.ts';
const db = await startBenchDatabase(1000);
const ex = new Executor({ uri: db.uri, user: db.user, password: db.password, queryTimeoutMs: 30000, connectionTimeoutMs: 3000 });
const orig = ex.readText.bind(ex);
const timings: string[] = [];
(ex as any).readText = async (name: string, text: string, params: any, counter: any) => { const t = performance.now(); const r = await orig(name, text, params, counter); timings.push(`${name} ${(performance.now() - t).toFixed(1)}ms rows=${r.length}`); return r; };
const app = await createApp({ ...loadConfig({ NODE_ENV: 'test' }), production: true }, ex);
const q = '{ entities(kind: Meeting, first: 100) { edges { node { name ... on Meeting { instruments { instrument { name } articles { name } } } } } } }';
for (let i = 0; i < 4; i++) {
  timings.length = 0;
  const ctx = createContext(ex, 'x');
  const t = performance.now();
  const res = await app.apollo.executeOperation({ query: q }, { contextValue: ctx });
  console.log('total', (performance.now() - t).toFixed(1), 'ms', ctx.counter.count, 'trips', JSON.stringify(res.body).length, 'bytes');
  console.log(timings.join('\n'));
}
await app.apollo.stop(); await ex.close(); await db.stop();
