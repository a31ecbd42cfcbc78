/**
 * Turns user text into a safe Lucene query (every special character escaped; a trailing `*` on a word is
 * kept as a prefix search) and finds the passage that matched.
 */
import { foldText } from '../../graph/model.js';

const special = /[+\-&|!(){}[\]^"~*?:\\/]/g;

export function luceneQuery(text: string): { query: string; terms: string[] } {
  const words = text.split(/\s+/).filter(Boolean).slice(0, 20);
  const terms: string[] = [];
  const parts: string[] = [];
  for (const word of words) {
    const prefix = word.length > 2 && word.endsWith('*');
    const core = (prefix ? word.slice(0, -1) : word).toLowerCase().replace(special, (c) => `\\${c}`);
    const bare = foldText(prefix ? word.slice(0, -1) : word).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    if (!bare) continue;
    terms.push(...bare.split(' '));
    parts.push(prefix ? `${core}*` : core);
  }
  return { query: parts.join(' AND '), terms };
}

const FIELDS: [string, string][] = [
  ['name', 'name'],
  ['aliases', 'aliasText'],
  ['description', 'description'],
  ['text', 'text'],
  ['quote', 'quoteText'],
];

/** The best-matching field and a window of text around the first matched term. */
export function matchedPassage(node: Record<string, unknown>, terms: string[], radius = 90): { field: string; passage: string } {
  for (const [field, key] of FIELDS) {
    const value = node[key];
    if (typeof value !== 'string' || !value) continue;
    const folded = foldText(value);
    let at = -1;
    let length = 0;
    for (const term of terms) {
      const i = folded.search(new RegExp(`(^|[^\\p{L}\\p{N}])${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'u'));
      if (i >= 0 && (at < 0 || i < at)) {
        at = i === 0 ? 0 : i + 1;
        length = term.length;
      }
    }
    if (at < 0) continue;
    if (value.length <= radius * 2) return { field, passage: value };
    const start = Math.max(0, at - radius);
    const end = Math.min(value.length, at + length + radius);
    return { field, passage: `${start > 0 ? '…' : ''}${value.slice(start, end).trim()}${end < value.length ? '…' : ''}` };
  }
  return { field: 'name', passage: String(node.name ?? '') };
}
