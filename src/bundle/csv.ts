/**
 * The CSV form of a bundle, both ways: `toCsv` writes what `npm run export -- --format csv` gives and
 * `fromCsv` reads what `npm run import -- --nodes --relations` takes. One row per quote, so every row
 * carries its provenance; reading groups the rows of one record by id.
 * nodes.csv: id,kind,name,aliases(|-separated),description,source,quote
 * relations.csv: [id,]type,from,to,source,quote[,basis,reasoning]
 */
import { parse } from 'csv-parse/sync';
import type { Basis } from '../model/model.js';
import type { ExportedBundle } from './export.js';
import type { BundleInput, NodeInput, RelationInput } from './validate.js';

const NODE_COLUMNS = ['id', 'kind', 'name', 'aliases', 'description', 'source', 'quote'];
const RELATION_COLUMNS = ['id', 'type', 'from', 'to', 'source', 'quote', 'basis', 'reasoning'];

const cell = (v: unknown) => {
  const s = String(v ?? '');
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

const line = (values: unknown[]) => values.map(cell).join(',');

type Quoted = { quotes?: unknown };
const quotesOf = (x: Quoted) => x.quotes as { source: string; quote: string }[];

/** nodes.csv and relations.csv of an exported bundle. */
export function toCsv(bundle: ExportedBundle): { nodes: string; relations: string } {
  const nodes = [NODE_COLUMNS.join(',')];
  for (const n of bundle.nodes) for (const p of quotesOf(n)) nodes.push(line([n.id, n.kind, n.name, (n.aliases ?? []).join('|'), n.description ?? '', p.source, p.quote]));
  const relations = [RELATION_COLUMNS.join(',')];
  for (const r of bundle.relations) for (const p of quotesOf(r)) relations.push(line([r.id, r.type, r.from, r.to, p.source, p.quote, r.basis ?? 'STATED', r.reasoning ?? '']));
  return { nodes: `${nodes.join('\n')}\n`, relations: `${relations.join('\n')}\n` };
}

const rowsOf = (text: string | undefined) => (text === undefined ? [] : (parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[]));

/** The bundle nodes.csv and relations.csv (either may be absent) describe; validation is the import's. */
export function fromCsv(nodesText: string | undefined, relationsText: string | undefined): BundleInput {
  const nodes = new Map<string, NodeInput & { quotes: { source: string; quote: string }[] }>();
  for (const r of rowsOf(nodesText)) {
    const n = nodes.get(r.id!) ?? { id: r.id!, kind: r.kind!, name: r.name!, ...(r.aliases ? { aliases: r.aliases.split('|') } : {}), ...(r.description ? { description: r.description } : {}), quotes: [] };
    n.quotes.push({ source: r.source!, quote: r.quote! });
    nodes.set(r.id!, n);
  }
  const relations = new Map<string, RelationInput & { quotes: { source: string; quote: string }[] }>();
  for (const r of rowsOf(relationsText)) {
    const key = r.id || `${r.type}|${r.from}|${r.to}`;
    const rel = relations.get(key) ?? { ...(r.id ? { id: r.id } : {}), type: r.type!, from: r.from!, to: r.to!, ...(r.basis ? { basis: r.basis as Basis } : {}), ...(r.reasoning ? { reasoning: r.reasoning } : {}), quotes: [] };
    rel.quotes.push({ source: r.source!, quote: r.quote! });
    relations.set(key, rel);
  }
  return { nodes: [...nodes.values()], relations: [...relations.values()] };
}
