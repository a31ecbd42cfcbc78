/**
 * Export of the graph (or a subgraph around an entity) as a bundle that re-imports losslessly
 * (export, wipe, import, export gives the same file), as GraphML for Gephi/yEd/Cytoscape desktop, and as CSV.
 */
import type { Executor } from '../db/executor.js';
import { DATE_FIELDS, type Basis } from '../model/model.js';
import { inferencesOf } from '../modules/relation/relation.provenance.js';
import { RESERVED_PROPS, type BundleInput, type NodeInput, type RelationInput, type SourceInput } from './validate.js';

type Props = Record<string, unknown>;

const DERIVED = new Set([...RESERVED_PROPS]);
const DATE_SUFFIXES = ['_text', '_start', '_end', '_precision', '_qualifier', '_value', '_from', '_to'];
const isDateProp = (key: string) => DATE_FIELDS.some((f) => DATE_SUFFIXES.some((s) => key === `${f}${s}`));

function quotesOf(p: Props) {
  const ids = (p.sourceIds ?? []) as string[];
  const quotes = (p.quotes ?? []) as string[];
  return ids.map((source, i) => ({ source, quote: quotes[i]! }));
}

/** The input form of a stored date; for records stored before the input form was kept, rebuilt from its span. */
function inputForm(p: Props, f: string): { value: string } | { from: string; to: string } {
  if (p[`${f}_value`]) return { value: String(p[`${f}_value`]) };
  if (p[`${f}_from`]) return { from: String(p[`${f}_from`]), to: String(p[`${f}_to`]) };
  const start = String(p[`${f}_start`]);
  const end = String(p[`${f}_end`]);
  const cut = p[`${f}_precision`] === 'YEAR' ? 4 : p[`${f}_precision`] === 'MONTH' ? 7 : 10;
  return start.slice(0, cut) === end.slice(0, cut) ? { value: start.slice(0, cut) } : { from: start.slice(0, cut), to: end.slice(0, cut) };
}

function dateOf(p: Props, f: string) {
  if (p[`${f}_start`] === undefined || p[`${f}_start`] === null) return undefined;
  return {
    text: String(p[`${f}_text`]),
    ...inputForm(p, f),
    ...(p[`${f}_qualifier`] ? { qualifier: String(p[`${f}_qualifier`]) } : {}),
  };
}

function ownProps(p: Props): Record<string, string | number | boolean> | undefined {
  const entries = Object.entries(p).filter(([k, v]) => !DERIVED.has(k) && !isDateProp(k) && v !== null && v !== undefined) as [string, string | number | boolean][];
  return entries.length ? Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b))) : undefined;
}

function toNode(p: Props): NodeInput {
  const aliases = (p.aliases ?? []) as string[];
  const titles = (p.alternateTitles ?? []) as string[];
  const notes = (p.alternateTitleNotes ?? []) as string[];
  const dates = Object.fromEntries(((p.dateFields ?? []) as string[]).map((f) => [f, dateOf(p, f)]).filter(([, d]) => d));
  const props = ownProps(p);
  const inferred = inferencesOf(p).map((i) => ({ property: i.property, ...(i.value ? { value: i.value } : {}), reasoning: i.reasoning, quotes: i.premises.map((q) => ({ source: q.sourceId, quote: q.quote })) }));
  return {
    id: String(p.id),
    kind: String(p.kind),
    name: String(p.name),
    ...(aliases.length ? { aliases } : {}),
    ...(titles.length ? { alternateTitles: titles.map((title, i) => ({ title, note: notes[i] ?? '' })) } : {}),
    ...(p.description ? { description: String(p.description) } : {}),
    ...(p.text ? { text: String(p.text) } : {}),
    ...(props ? { props } : {}),
    ...(Object.keys(dates).length ? { dates } : {}),
    ...(inferred.length ? { inferred } : {}),
    quotes: quotesOf(p),
  };
}

function toRelation(r: { type: string; from: string; to: string; props: Props }): RelationInput {
  const props = ownProps(r.props);
  const date = dateOf(r.props, 'date');
  // Stored before bases existed means stated: that is what the loader assumed then.
  const basis = (r.props.basis as Basis | undefined) ?? 'STATED';
  const inferred = basis === 'INFERRED' ? { basis, reasoning: String(r.props.reasoning ?? '') } : {};
  return { id: String(r.props.id), type: r.type, from: r.from, to: r.to, ...(props ? { props } : {}), ...(date ? { date } : {}), ...inferred, quotes: quotesOf(r.props) };
}

function toSource(s: Props): SourceInput {
  return {
    id: String(s.id),
    title: String(s.title),
    text: String(s.text),
    ...(['publisher', 'url', 'published', 'citation'] as const).reduce((acc, k) => (s[k] ? { ...acc, [k]: String(s[k]) } : acc), {}),
  };
}

/** Entity ids within `hops` of `root` (breadth-first, over live relations). */
async function subgraphIds(executor: Executor, root: string, hops: number): Promise<string[]> {
  const seen = new Set([root]);
  let frontier = [root];
  for (let i = 0; i < hops && frontier.length; i++) {
    const rows = await executor.read('queries/neighbourhood/expand', { ids: frontier, types: null, kinds: null, cap: 1_000_000 });
    frontier = [...new Set(rows.map((r) => String(r.other)))].filter((id) => !seen.has(id));
    frontier.forEach((id) => seen.add(id));
  }
  return [...seen];
}

export async function exportBundle(executor: Executor, options: { root?: string; hops?: number } = {}): Promise<Required<Pick<BundleInput, 'sources' | 'nodes' | 'relations'>>> {
  const ids = options.root ? await subgraphIds(executor, options.root, options.hops ?? 1) : null;
  const [row] = await executor.read('queries/bundle/export-graph', { ids });
  const nodes = ((row?.nodes ?? []) as Props[]).map(toNode).sort((a, b) => a.id.localeCompare(b.id));
  const relations = ((row?.relations ?? []) as { type: string; from: string; to: string; props: Props }[]).map(toRelation).sort((a, b) => a.id!.localeCompare(b.id!));
  const cited = new Set([...nodes, ...relations].flatMap((x) => (x.quotes as { source: string }[]).map((q) => q.source)));
  const sources = ((row?.sources ?? []) as Props[]).map(toSource).filter((s) => !ids || cited.has(s.id)).sort((a, b) => a.id.localeCompare(b.id));
  return { sources, nodes, relations };
}

const xml = (s: unknown) => String(s ?? '').replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

export type ExportedBundle = Awaited<ReturnType<typeof exportBundle>>;

export function toGraphML(bundle: ExportedBundle): string {
  const keys = [
    ['kind', 'node'], ['name', 'node'], ['aliases', 'node'], ['description', 'node'], ['sources', 'all'], ['quotes', 'all'], ['type', 'edge'], ['basis', 'edge'], ['reasoning', 'edge'],
  ];
  const data = (k: string, v: unknown) => (v === undefined || v === '' ? '' : `<data key="${k}">${xml(v)}</data>`);
  const q = (x: { quotes?: unknown }) => x.quotes as { source: string; quote: string }[];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    ...keys.map(([k, f]) => `  <key id="${k}" for="${f}" attr.name="${k}" attr.type="string"/>`),
    '  <graph id="commit" edgedefault="directed">',
    ...bundle.nodes.map((n) => `    <node id="${xml(n.id)}">${data('kind', n.kind)}${data('name', n.name)}${data('aliases', (n.aliases ?? []).join(' | '))}${data('description', n.description)}${data('sources', q(n).map((x) => x.source).join(' | '))}${data('quotes', q(n).map((x) => x.quote).join(' | '))}</node>`),
    ...bundle.relations.map((r) => `    <edge id="${xml(r.id)}" source="${xml(r.from)}" target="${xml(r.to)}">${data('type', r.type)}${data('basis', r.basis ?? 'STATED')}${data('reasoning', r.reasoning)}${data('sources', q(r).map((x) => x.source).join(' | '))}${data('quotes', q(r).map((x) => x.quote).join(' | '))}</edge>`),
    '  </graph>',
    '</graphml>',
    '',
  ].join('\n');
}
