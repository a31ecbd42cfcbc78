/**
 * Turns user text into a safe Lucene query (every special character escaped; a trailing `*` on a word is
 * kept as a prefix search) and finds the passage that matched, so a hit shows the words that found it.
 */
import { foldText, normaliseName } from '../../model/model.js';

const special = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/** A word of the query as the passage finder matches it: folded, and whether it is a prefix (`traff*`). */
export interface Term {
  text: string;
  prefix: boolean;
}

export function luceneQuery(text: string): { query: string; terms: Term[]; key: string } {
  const words = text.split(/\s+/).filter(Boolean).slice(0, 20);
  const terms: Term[] = [];
  const parts: string[] = [];
  for (const word of words) {
    const prefix = word.length > 2 && word.endsWith('*');
    const core = (prefix ? word.slice(0, -1) : word).toLowerCase().replace(special, (c) => `\\${c}`);
    const bare = foldText(prefix ? word.slice(0, -1) : word).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    if (!bare) continue;
    const pieces = bare.split(' ');
    pieces.forEach((piece, i) => terms.push({ text: piece, prefix: prefix && i === pieces.length - 1 }));
    parts.push(prefix ? `${core}*` : core);
  }
  return { query: parts.join(' AND '), terms, key: `|${normaliseName(text)}|` };
}

/** The fields a matched passage is looked for in, and the property each reads. */
export const FIELDS: [string, string][] = [
  ['name', 'name'],
  ['aliases', 'aliases'],
  ['description', 'description'],
  ['text', 'text'],
  ['quote', 'quotes'],
];

/** Folds text character by character, keeping where each folded character came from in the original. */
function foldWithOffsets(value: string): { folded: string; origin: number[] } {
  let folded = '';
  const origin: number[] = [];
  let i = 0;
  for (const ch of value) {
    const f = ch.normalize('NFKD').replace(/\p{M}+/gu, '').replace(/[’‘`]/g, "'").toLowerCase();
    for (let k = 0; k < f.length; k++) origin.push(i);
    folded += f;
    i += ch.length;
  }
  origin.push(value.length);
  return { folded, origin };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where each term first occurs as a word (or word start, for a prefix) in `value`, in original offsets. */
function termMatches(value: string, terms: Term[]): { start: number; end: number }[] {
  const { folded, origin } = foldWithOffsets(value);
  const found: { start: number; end: number }[] = [];
  for (const term of terms) {
    const m = new RegExp(`(?<![\\p{L}\\p{N}])${escape(term.text)}${term.prefix ? '' : '(?![\\p{L}\\p{N}])'}`, 'u').exec(folded);
    if (m) found.push({ start: origin[m.index]!, end: origin[m.index + m[0].length]! });
  }
  return found;
}

/** A window of `value` around its first matched term, so the passage always contains what matched. */
function window(value: string, at: { start: number; end: number }, radius: number): string {
  if (value.length <= radius * 2) return value;
  const start = Math.max(0, at.start - radius);
  const end = Math.min(value.length, at.end + radius);
  return `${start > 0 ? '…' : ''}${value.slice(start, end).trim()}${end < value.length ? '…' : ''}`;
}

/**
 * The field that matched and the passage from it. An exact name or alias hit (same lookup form as the
 * query) reports that name or alias; otherwise the field, alias or quote containing the most query words,
 * earlier fields first on a tie, windowed around the first word found.
 */
export function matchedPassage(node: Record<string, unknown>, terms: Term[], key: string, radius = 90): { field: string; passage: string } {
  const name = String(node.name ?? '');
  const aliases = (node.aliases ?? []) as string[];
  // The name or alias written as the query was (case and accents aside), else one with the same lookup form.
  const typed = terms.map((t) => t.text).join(' ');
  const literal = (n: string) => foldText(n).replace(/[^\p{L}\p{N}]+/gu, ' ').trim() === typed;
  const sameForm = (n: string) => `|${normaliseName(n)}|` === key;
  for (const same of [literal, sameForm]) {
    if (same(name)) return { field: 'name', passage: name };
    const alias = aliases.find(same);
    if (alias) return { field: 'aliases', passage: alias };
  }
  let best: { field: string; passage: string; count: number } | null = null;
  for (const [field, prop] of FIELDS) {
    const raw = node[prop];
    const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string' && v.length > 0);
    for (const value of values) {
      const matches = termMatches(value, terms);
      if (matches.length === 0 || (best && matches.length <= best.count)) continue;
      const first = matches.reduce((a, b) => (b.start < a.start ? b : a));
      best = { field, passage: window(value, first, radius), count: matches.length };
    }
  }
  return best ? { field: best.field, passage: best.passage } : { field: 'name', passage: name };
}
