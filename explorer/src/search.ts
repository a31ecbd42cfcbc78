/**
 * The search combobox (ARIA 1.2 pattern: the input is the combobox and controls its listbox). Exact
 * name/alias matches (the server's lookup, also tried with numbers swapped between digits and roman
 * numerals) come first, then full-text hits ranked by how closely a name or alias matches the query.
 */
import { ApiError, request } from './api.js';
import { fill, h } from './dom.js';
import { ExplorerSuggestDocument } from './generated.js';
import type { GNode } from './graph.js';
import { kindLabel } from './style.js';

const ROMAN: Record<string, string> = { '1': 'I', '2': 'II', '3': 'III', '4': 'IV', '5': 'V', '6': 'VI', '7': 'VII', '8': 'VIII', '9': 'IX', '10': 'X' };
const ARABIC = Object.fromEntries(Object.entries(ROMAN).map(([a, r]) => [r, a]));

/** The query with standalone numbers swapped: "SPA 3" -> "SPA III", "SPA III" -> "SPA 3". */
export function numberVariant(q: string): string {
  return q.replace(/\b(\d{1,2}|[IVX]{1,4})\b/gi, (m) => ROMAN[m] ?? ARABIC[m.toUpperCase()] ?? m);
}

const norm = (s: string) => s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, ' ').trim();

/** 0 = a name or alias equals the query, 1 = starts with it, 2 = contains every word, 3 = otherwise. */
export function closeness(node: GNode, q: string): number {
  const queries = [norm(q), norm(numberVariant(q))];
  const names = [node.name, ...(node.aliases ?? [])].map(norm);
  if (names.some((n) => queries.includes(n))) return 0;
  if (names.some((n) => queries.some((x) => n.startsWith(x)))) return 1;
  if (queries.some((x) => names.some((n) => x.split(' ').every((w) => n.split(' ').includes(w))))) return 2;
  return 3;
}

interface Suggestion {
  node: GNode;
  passage: string | null;
}

export function attachSearch(input: HTMLInputElement, list: HTMLUListElement, pick: (node: GNode) => void, onError: (text: string) => void): void {
  let timer: number | undefined;
  let items: Suggestion[] = [];
  let active = -1;
  let generation = 0;
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('aria-expanded', 'false');
  list.setAttribute('role', 'listbox');

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const highlight = () => {
    list.querySelectorAll('li').forEach((li, i) => li.setAttribute('aria-selected', String(i === active)));
    if (active >= 0) {
      input.setAttribute('aria-activedescendant', `${list.id}-${active}`);
      list.querySelector(`#${list.id}-${active}`)?.scrollIntoView({ block: 'nearest' });
    }
  };
  const choose = (item: Suggestion | undefined) => {
    if (!item) return;
    close();
    input.value = item.node.name;
    pick(item.node);
  };

  // Enter pressed before the answer for the typed text arrived: pick its first suggestion when it does.
  let pickWhenReady = false;
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    items = [];
    pickWhenReady = false;
    const q = input.value.trim();
    if (q.length < 2) return close();
    list.setAttribute('aria-busy', 'true');
    timer = window.setTimeout(async () => {
      const mine = ++generation;
      try {
        const data = await request(ExplorerSuggestDocument, { q, variant: numberVariant(q) });
        if (mine !== generation) return;
        const seen = new Set<string>();
        const exact: Suggestion[] = [...data.lookup, ...data.variant].map((node) => ({ node, passage: null }));
        const hits: Suggestion[] = data.search.edges
          .map((e, i) => ({ node: e.node.node, passage: e.node.passage, i }))
          .sort((a, b) => closeness(a.node, q) - closeness(b.node, q) || a.i - b.i);
        items = [...exact, ...hits].filter((s) => !seen.has(s.node.id) && seen.add(s.node.id)).slice(0, 10);
        fill(
          list,
          ...(items.length
            ? items.map((s, i) =>
                h('li', { role: 'option', id: `${list.id}-${i}`, 'data-index': i, 'aria-selected': 'false' }, s.node.name, h('span', { class: 'kind' }, kindLabel(s.node.kind)), s.passage && s.passage !== s.node.name ? h('span', { class: 'passage' }, s.passage) : null),
              )
            : [h('li', { role: 'option', 'aria-disabled': 'true', 'aria-selected': 'false' }, 'No match')]),
        );
        list.hidden = false;
        list.removeAttribute('aria-busy');
        input.setAttribute('aria-expanded', 'true');
        active = -1;
        if (pickWhenReady) choose(items[0]);
      } catch (error) {
        list.removeAttribute('aria-busy');
        onError(error instanceof ApiError ? `Search failed: ${error.message}` : 'Search failed.');
      }
    }, 180);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && items.length === 0 && list.getAttribute('aria-busy') === 'true') {
      e.preventDefault();
      pickWhenReady = true;
      return;
    }
    if (list.hidden) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      active = Math.max(0, Math.min(items.length - 1, active + (e.key === 'ArrowDown' ? 1 : -1)));
      highlight();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      choose(items[active < 0 ? 0 : active]);
    } else if (e.key === 'Escape') close();
  });
  list.addEventListener('mousedown', (e) => {
    const li = (e.target as HTMLElement).closest('li');
    if (li?.dataset.index === undefined) return;
    e.preventDefault();
    choose(items[Number(li.dataset.index)]);
  });
  // The box shows the current entity's name; focusing it selects that text, so typing starts a new search.
  input.addEventListener('focus', () => input.select());
  input.addEventListener('blur', () => window.setTimeout(close, 150));
}
