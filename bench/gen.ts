/**
 * `npm run gen -- --scale N [--seed 42]`: writes a COMMIT-shaped synthetic graph of about N entities into
 * its own embedded database folder (.data/bench-N): countries, places, meetings, instruments in long
 * SUCCEEDS chains adopted at meetings and developed under articles, sections, plan areas that MERGE
 * earlier ones, organisations; every record with a source and a verbatim quote. Deterministic from the
 * seed; loaded with UNWIND in batches with a progress bar. Reports load time, the database's memory and disk.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Presets, SingleBar } from 'cli-progress';
import { projectRoot } from '../src/config.js';
import { freePort, startEmbeddedNeo4j, type EmbeddedNeo4j } from '../src/db/embedded.js';
import { Executor } from '../src/db/executor.js';
import { mulberry32 as rng } from '../src/prng.js';
import { migrate } from '../src/db/migrations.js';
import { lookupKey } from '../src/model/model.js';

export const CHAIN = 50;
export const benchDir = (scale: number) => path.join(projectRoot, '.data', `bench-${scale}`);
export const memoryFor = (scale: number) => (scale >= 500_000 ? { heap: '4g', pageCache: '4g' } : scale >= 50_000 ? { heap: '2g', pageCache: '1g' } : { heap: '1g', pageCache: '256m' });

interface GenNode { id: string; kind: string; props: Record<string, unknown> }
interface GenRel { type: string; from: string; to: string; props: Record<string, unknown> }

/** The synthetic graph's shape: counts per kind for a target size. */
export function plan(scale: number) {
  const n = (share: number, min: number) => Math.max(min, Math.round(scale * share));
  const instruments = Math.max(CHAIN, Math.round((scale * 0.2) / CHAIN) * CHAIN);
  return { countries: n(0.005, 6), places: n(0.02, 6), meetings: n(0.15, 10), instruments, sections: n(0.02, 2), articles: n(0.15, 10), areas: instruments * 2, organisations: n(0.03, 3) };
}

export function generate(scale: number, seed: number) {
  const random = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
  const counts = plan(scale);
  const nodes: GenNode[] = [];
  const rels: GenRel[] = [];
  const sources: { id: string; sentences: string[] }[] = [];
  const perSource = 200;
  const sourceFor = (i: number) => {
    const s = Math.floor(i / perSource);
    if (!sources[s]) sources[s] = { id: `synthetic-${s}`, sentences: [] };
    return sources[s]!;
  };
  let counter = 0;
  const make = (kind: string, prefix: string, i: number, name: string, extra: Record<string, unknown> = {}) => {
    const id = `${prefix}:${i}`;
    const source = sourceFor(counter++);
    const quote = `${name} (${id}) is recorded in this synthetic source.`;
    source.sentences.push(quote);
    const alias = `${prefix.toUpperCase()} ${i}`;
    nodes.push({ id, kind, props: { id, kind, name, aliases: [alias], aliasText: alias, lookup: lookupKey([name, alias]), sortKey: name.toLowerCase(), description: `Synthetic ${kind.toLowerCase()} number ${i}.`, text: null, sourceIds: [source.id], quotes: [quote], quoteText: quote, alternateTitles: [], alternateTitleNotes: [], dateFields: [], version: 1, ...extra } });
    return id;
  };
  const relate = (type: string, from: string, to: string) => {
    rels.push({ type, from, to, props: { id: `rel:${type.toLowerCase()}/${from}/${to}`, sourceIds: [], quotes: [], version: 1 } });
  };
  const year = (y: number) => ({ start: `${y}-01-01`, end: `${y}-12-31` });

  const countries = Array.from({ length: counts.countries }, (_, i) => make('Country', 'country', i, `Country ${i}`));
  const places = Array.from({ length: counts.places }, (_, i) => make('Place', 'place', i, `Place ${i}`));
  places.forEach((p) => relate('LOCATED_IN', p, pick(countries)));
  const meetings = Array.from({ length: counts.meetings }, (_, i) => {
    const y = 2000 + (i % 25);
    const month = String((i % 12) + 1).padStart(2, '0');
    return make('Meeting', 'meeting', i, `Inter-Ministerial Meeting ${i}`, { meetingType: 'INTER_MINISTERIAL', number: i, dateFields: ['date'], date_text: `${month}/${y}`, date_start: `${y}-${month}-01`, date_end: `${y}-${month}-28`, date_precision: 'MONTH', date_qualifier: null });
  });
  meetings.forEach((m) => relate('HELD_IN', m, pick(places)));
  const sections = Array.from({ length: counts.sections }, (_, i) => make('Section', 'section', i, `Section ${i}`, { number: i }));
  const articles = Array.from({ length: counts.articles }, (_, i) => make('Article', 'article', i, `Article ${i}`, { number: i, text: `Article ${i} requires a plan of action.` }));
  articles.forEach((a) => relate('PART_OF', a, pick(sections)));
  const instruments: string[] = [];
  for (let i = 0; i < counts.instruments; i++) {
    const y = 2000 + (i % CHAIN);
    const id = make('Instrument', 'instrument', i, `Plan of Action ${i}`, { instrumentType: 'PLAN_OF_ACTION', sequence: i % CHAIN, dateFields: ['period', 'adopted'], period_text: `${y}-${y + 2}`, period_start: `${y}-01-01`, period_end: `${y + 2}-12-31`, period_precision: 'YEAR', adopted_text: String(y), adopted_start: year(y).start, adopted_end: year(y).end, adopted_precision: 'YEAR' });
    instruments.push(id);
    if (i % CHAIN !== 0) relate('SUCCEEDS', id, instruments[i - 1]!);
    relate('ADOPTED_AT', id, pick(meetings));
    relate('DEVELOPED_UNDER', id, pick(articles));
    for (let c = 0; c < 3; c++) relate('SIGNED_BY', id, countries[(i + c * 7) % countries.length]!);
  }
  sections.forEach((s, i) => relate('PART_OF', s, instruments[(i * CHAIN) % instruments.length]!));
  for (let i = 0; i < counts.areas; i++) {
    const inst = Math.floor(i / 2);
    const id = make('PlanArea', 'area', i, `Area ${i % 2 ? 'Protection' : 'Prevention'} ${inst}`, { number: (i % 2) + 1 });
    relate('PART_OF', id, instruments[inst]!);
    if (inst % CHAIN !== 0) relate('MERGES', id, `area:${i - 2}`);
  }
  const orgs = Array.from({ length: counts.organisations }, (_, i) => make('Organisation', 'org', i, `Organisation ${i}`));
  orgs.forEach((o, i) => i > 0 && relate('SUCCEEDS', o, orgs[i - 1]!));
  // Relations quote the sentence of their start entity (a verbatim substring of its source).
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (const r of rels) {
    const start = byId.get(r.from)!;
    r.props.sourceIds = start.props.sourceIds;
    r.props.quotes = start.props.quotes;
  }
  const sourceRecords = sources.map((s) => {
    const text = s.sentences.join(' ');
    return { id: s.id, props: { id: s.id, title: `Synthetic source ${s.id}`, text, normText: text, sha256: '', length: text.length, publisher: null, url: null, published: null, citation: null } };
  });
  return { nodes, rels, sources: sourceRecords };
}

export async function loadGenerated(executor: Executor, data: ReturnType<typeof generate>, progress = true) {
  const total = data.nodes.length + data.rels.length + data.sources.length;
  const bar = new SingleBar({ format: 'loading [{bar}] {percentage}% | {value}/{total} records | {eta}s left', hideCursor: true }, Presets.shades_classic);
  if (progress) bar.start(total, 0);
  let done = 0;
  const batch = 10_000;
  const run = async (statement: string, key: string, records: unknown[]) => {
    for (let i = 0; i < records.length; i += batch) {
      const slice = records.slice(i, i + batch);
      await executor.write('gen', (tx) => tx.runText('gen', statement, { [key]: slice }));
      done += slice.length;
      if (progress) bar.update(done);
    }
  };
  await run('UNWIND $s AS s CREATE (x:Source) SET x = s.props', 's', data.sources);
  await run('UNWIND $n AS n CREATE (x:Entity) SET x = n.props, x:$(n.kind)', 'n', data.nodes);
  const byType = new Map<string, GenRel[]>();
  for (const r of data.rels) {
    if (!byType.has(r.type)) byType.set(r.type, []);
    byType.get(r.type)!.push(r);
  }
  for (const rels of byType.values()) {
    await run('UNWIND $r AS r MATCH (a:Entity {id: r.from}) MATCH (b:Entity {id: r.to}) CREATE (a)-[x:$(r.type)]->(b) SET x = r.props', 'r', rels);
  }
  if (progress) bar.stop();
}

function rssOf(pid: number): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
}

export async function startBenchDatabase(scale: number, pluginDir?: string): Promise<EmbeddedNeo4j> {
  const memory = memoryFor(scale);
  return startEmbeddedNeo4j({ port: await freePort(), dataDir: benchDir(scale), heap: memory.heap, pageCache: memory.pageCache, txTimeout: '300s', startTimeoutMs: 300_000, pluginDir });
}

async function main() {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: '1000' }, seed: { type: 'string', default: '42' } } });
  const scale = Number(values.scale);
  if (!Number.isInteger(scale) || scale < 100 || scale > 5_000_000) throw new Error('--scale must be an integer from 100 to 5000000');
  const dir = benchDir(scale);
  fs.rmSync(dir, { recursive: true, force: true });
  const started = Date.now();
  const data = generate(scale, Number(values.seed));
  console.log(`generated ${data.nodes.length} entities, ${data.rels.length} relations, ${data.sources.length} sources in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  const db = await startBenchDatabase(scale);
  const executor = new Executor({ uri: db.uri, user: db.user, password: db.password, queryTimeoutMs: 600_000, connectionTimeoutMs: 10_000 });
  try {
    await migrate(executor);
    const loadStart = Date.now();
    await loadGenerated(executor, data);
    await executor.autoCommit('CALL db.awaitIndexes(3600)');
    const loadSeconds = (Date.now() - loadStart) / 1000;
    const disk = Number(execFileSync('du', ['-sb', dir], { encoding: 'utf8' }).split('\t')[0]);
    const report = { scale, entities: data.nodes.length, relations: data.rels.length, sources: data.sources.length, loadSeconds, jvmRssMiB: Math.round(rssOf(db.pid) / 1048576), diskMiB: Math.round(disk / 1048576), heap: memoryFor(scale).heap, pageCache: memoryFor(scale).pageCache };
    console.log(JSON.stringify(report, null, 2));
    fs.mkdirSync(path.join(projectRoot, 'bench', 'out'), { recursive: true });
    fs.writeFileSync(path.join(projectRoot, 'bench', 'out', `gen-${scale}.json`), `${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await executor.close();
    await db.stop();
  }
}

if (process.argv[1]?.endsWith('gen.ts')) await main();
