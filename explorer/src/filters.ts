/** The legend and filters: entity kinds and relation types with counts in view, and hidden entities. */
import { byId, fill, h } from './dom.js';
import { cy, nameOf } from './graph.js';
import { commit, state } from './state.js';
import { KIND_STYLE, kindLabel } from './style.js';

/** A colour swatch, styled through the CSSOM (a style attribute would need 'unsafe-inline' under a strict CSP). */
function swatch(color: string): HTMLElement {
  const el = h('span', { class: 'swatch' });
  el.style.background = color;
  return el;
}

export function applyFilters(): void {
  const kinds = new Map<string, number>();
  cy.nodes().forEach((n) => void kinds.set(n.data('kind'), (kinds.get(n.data('kind')) ?? 0) + 1));
  const types = new Map<string, number>();
  cy.edges().forEach((e) => void types.set(e.data('type'), (types.get(e.data('type')) ?? 0) + 1));
  fill(
    byId('kind-legend'),
    ...Object.entries(KIND_STYLE)
      .filter(([kind]) => kinds.has(kind) || state.hiddenKinds.includes(kind))
      .map(([kind, s]) =>
      h(
        'li',
        {},
        h('input', { type: 'checkbox', id: `k-${kind}`, 'data-kind': kind, checked: !state.hiddenKinds.includes(kind) }),
        swatch(s.color),
        h('label', { for: `k-${kind}` }, `${kindLabel(kind)} (${kinds.get(kind) ?? 0})`),
      ),
    ),
  );
  fill(
    byId('relation-filter'),
    ...[...types.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([type, n]) => h('li', {}, h('input', { type: 'checkbox', id: `r-${type}`, 'data-type': type, checked: !state.hiddenRelations.includes(type) }), h('label', { for: `r-${type}` }, `${type} (${n})`))),
  );
  fill(
    byId('hidden-nodes'),
    ...state.hiddenNodes.map((id) => h('li', {}, h('button', { type: 'button', class: 'link', 'data-unhide': id, onclick: () => commit({ hiddenNodes: state.hiddenNodes.filter((x) => x !== id) }) }, `Show ${nameOf(id)}`))),
  );
  cy.batch(() => {
    cy.nodes().forEach((n) => void n.toggleClass('hidden', state.hiddenKinds.includes(n.data('kind')) || state.hiddenNodes.includes(n.id())));
    cy.edges().forEach((e) => void e.toggleClass('hidden', state.hiddenRelations.includes(e.data('type'))));
  });
}

export function attachFilters(): void {
  byId('kind-legend').addEventListener('change', (e) => {
    const box = e.target as HTMLInputElement;
    const kind = box.dataset.kind!;
    commit({ hiddenKinds: box.checked ? state.hiddenKinds.filter((k) => k !== kind) : [...state.hiddenKinds, kind] });
  });
  byId('relation-filter').addEventListener('change', (e) => {
    const box = e.target as HTMLInputElement;
    const type = box.dataset.type!;
    commit({ hiddenRelations: box.checked ? state.hiddenRelations.filter((t) => t !== type) : [...state.hiddenRelations, type] });
  });
}

