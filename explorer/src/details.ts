/**
 * The details panel: an entity's properties and sources, a relation's qualifiers and sources, the steps
 * of a lineage or path, each quote highlighted in its context. All text goes in as text (see dom.ts).
 */
import { ApiError, request } from './api.js';
import { byId, fill, h } from './dom.js';
import { ExplorerDetailsDocument, ExplorerRelationCountsDocument, ExplorerRelationDocument, type RelationType } from './generated.js';
import { nameOf, type GNode, type GRel } from './graph.js';
import { kindLabel } from './style.js';

/** What the panel's buttons do; main.ts provides them. */
export interface DetailActions {
  lineage(id: string): void;
  centre(id: string): void;
  expand(id: string, type?: string, elements?: { nodes: GNode[]; relations: GRel[] }): void;
  hide(id: string): void;
}

interface Quote {
  quote: string;
  source: { title: string };
  context?: { before: string; quote: string; after: string } | null;
}
interface DateText {
  text: string;
  start: string;
  end: string;
  precision: string;
  qualifier?: string | null;
}

const panel = () => byId('details');

/**
 * The panel shows the newest thing asked for. Each show* call takes a turn; an answer that arrives after a
 * newer call began is dropped, so a slow entity request can never overwrite the relation the user opened since.
 */
let turn = 0;
function takeTurn(): () => boolean {
  const mine = ++turn;
  return () => mine === turn;
}

function hint(text: string): void {
  fill(panel(), h('p', { class: 'hint' }, text));
}

const DATE_FIELDS = ['date', 'period', 'drafted', 'adopted', 'signed'] as const;
/** The fields only some kinds have (ExplorerDetails selects them per kind); every kind has an id. */
type KindFields = { id: string; text?: string | null; place?: { name: string } | null; alternateTitles?: { title: string; note: string }[] } & {
  [F in (typeof DATE_FIELDS)[number]]?: DateText | null;
};

function quoteBlock(q: Quote): HTMLElement {
  const c = q.context;
  const body = c ? [c.before ? `…${c.before}` : '', h('mark', {}, c.quote), c.after ? `${c.after}…` : ''] : [h('mark', {}, q.quote)];
  return h('blockquote', { class: 'quote' }, ...body, h('span', { class: 'src' }, q.source.title));
}

function dateBlock(d: DateText): (string | HTMLElement)[] {
  const qualifier = d.qualifier ? `, ${d.qualifier.toLowerCase().replace('_', '-')}` : '';
  return [d.text, ' ', h('small', {}, `(${d.precision.toLowerCase()}${qualifier}; ${d.start} – ${d.end})`)];
}

function error(e: unknown): HTMLElement {
  return h('p', { class: 'error', role: 'alert' }, e instanceof ApiError ? `${e.message} (${e.code})` : 'Could not load the details.');
}

export function showHint(text: string): void {
  takeTurn();
  hint(text);
}

export async function showNode(id: string, actions: DetailActions): Promise<void> {
  const current = takeTurn();
  hint('Loading…');
  try {
    const [{ node }, counts] = await Promise.all([request(ExplorerDetailsDocument, { id }), request(ExplorerRelationCountsDocument, { id })]);
    if (!current()) return;
    if (!node) return hint('This entity no longer exists.');
    const n: KindFields = node;
    const rows: [string, (string | HTMLElement)[]][] = [
      ['Kind', [kindLabel(node.kind)]],
      ['Id', [h('code', {}, node.id)]],
    ];
    if (node.aliases.length) rows.push(['Aliases', [node.aliases.join(', ')]]);
    for (const f of DATE_FIELDS) if (n[f]) rows.push([f[0]!.toUpperCase() + f.slice(1), dateBlock(n[f])]);
    if (n.place) rows.push(['Place', [n.place.name]]);
    for (const t of n.alternateTitles ?? []) rows.push(['Also titled', [t.title, ' ', h('small', {}, `(${t.note})`)]]);

    const byType = new Map<string, { nodes: GNode[]; relations: GRel[] }>();
    for (const r of counts.node?.relations ?? []) {
      const entry = byType.get(r.type) ?? { nodes: [], relations: [] };
      entry.relations.push(r);
      entry.nodes.push(r.from.id === id ? r.to : r.from);
      byType.set(r.type, entry);
    }
    const expandButtons = [...byType.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([type, entry]) => h('li', {}, h('button', { type: 'button', class: 'link', 'data-expand-type': type, onclick: () => actions.expand(id, type, entry) }, `${type} (${entry.relations.length})`)));

    fill(
      panel(),
      h('h2', {}, kindLabel(node.kind)),
      h('h3', { id: 'details-title' }, node.name),
      node.description ? h('p', {}, node.description) : null,
      n.text ? h('p', {}, h('em', {}, `“${n.text}”`)) : null,
      h('dl', {}, ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, ...v)])),
      h(
        'p',
        { class: 'actions' },
        h('button', { type: 'button', id: 'details-expand', onclick: () => actions.expand(id) }, 'Expand all'),
        h('button', { type: 'button', id: 'details-lineage', onclick: () => actions.lineage(id) }, 'Lineage'),
        h('button', { type: 'button', id: 'details-focus', onclick: () => actions.centre(id) }, 'Centre here'),
        h('button', { type: 'button', id: 'details-hide', onclick: () => actions.hide(id) }, 'Hide'),
      ),
      expandButtons.length ? h('h2', {}, 'Expand by relation') : null,
      expandButtons.length ? h('ul', { class: 'expand-types' }, ...expandButtons) : null,
      // Every relation as a button: how keyboard and screen-reader users open a relation's details.
      counts.node?.relations.length
        ? h(
            'details',
            { class: 'relations-list' },
            h('summary', {}, `Relations (${counts.node.relations.length})`),
            h(
              'ul',
              {},
              ...counts.node.relations.map((r) =>
                h('li', {}, h('button', { type: 'button', class: 'link', 'data-relation': r.id, onclick: () => void showRelation(r.id, r.from.id, r.type, { [r.from.id]: r.from.name, [r.to.id]: r.to.name }) }, `${r.from.name} ${r.type} ${r.to.name}${r.basis === 'INFERRED' ? ' (inferred)' : ''}`)),
              ),
            ),
          )
        : null,
      h('h2', {}, `Sources (${node.sources.length})`),
      h('div', { id: 'details-sources' }, ...node.sources.map(quoteBlock)),
    );
  } catch (e) {
    if (current()) fill(panel(), error(e));
  }
}

/** A relation's details, asked from its source entity for that one relation type (a small request). */
export async function showRelation(relationId: string, from: string, type: string, names: Record<string, string> = {}): Promise<void> {
  const label = (id: string) => names[id] ?? nameOf(id);
  const current = takeTurn();
  hint('Loading…');
  try {
    // `type` is a drawn edge's type, which the API gave as a RelationType (the server refuses any other value).
    const { node } = await request(ExplorerRelationDocument, { from, type: type as RelationType });
    if (!current()) return;
    const rel = node?.relations.find((r) => r.id === relationId);
    if (!rel) return hint('This relation has no stored record of its own.');
    fill(
      panel(),
      h('h2', {}, 'Relation'),
      h('h3', { id: 'details-title', tabindex: -1 }, label(rel.from.id), ' ', h('code', {}, rel.type), ' ', label(rel.to.id)),
      h(
        'dl',
        {},
        h('dt', {}, 'Basis'),
        h('dd', { id: 'details-basis' }, rel.basis === 'INFERRED' ? 'Inferred: the curator concludes this from the passages below; cite it as an inference, not as the source’s words.' : 'Stated: the quoted passages say this.'),
        rel.basis === 'INFERRED' && rel.reasoning ? h('dt', {}, 'Reasoning') : null,
        rel.basis === 'INFERRED' && rel.reasoning ? h('dd', { id: 'details-reasoning' }, rel.reasoning) : null,
        rel.date ? h('dt', {}, 'Date') : null,
        rel.date ? h('dd', {}, rel.date.text, ' ', h('small', {}, `(${rel.date.precision.toLowerCase()})`)) : null,
        ...rel.properties.flatMap((p) => [h('dt', {}, p.key), h('dd', {}, p.value)]),
      ),
      // An inference's sources are its premises: shown once, under the name that says what they are.
      rel.basis === 'INFERRED' ? h('h2', {}, `Premises (${rel.premises.length})`) : h('h2', {}, `Sources (${rel.sources.length})`),
      rel.basis === 'INFERRED' ? h('div', { id: 'details-premises' }, ...rel.premises.map(quoteBlock)) : h('div', { id: 'details-sources' }, ...rel.sources.map(quoteBlock)),
    );
  } catch (e) {
    if (current()) fill(panel(), error(e));
  }
}

export function showLineage(root: GNode, steps: { relation: string; basis: string; from: { id: string }; to: { id: string }; sources: Quote[] }[]): void {
  takeTurn();
  fill(
    panel(),
    h('h2', {}, 'Lineage'),
    h('h3', { id: 'details-title' }, root.name),
    h('p', { class: 'hint' }, 'Each step reads newer → older, as the source states it. Older things are on the left.'),
    h(
      'ol',
      { class: 'hops', id: 'lineage-steps' },
      ...steps.map((s) => h('li', {}, nameOf(s.from.id), ' ', h('code', {}, s.relation), ' ', nameOf(s.to.id), s.basis === 'INFERRED' ? ' (inferred)' : '', ...s.sources.map(quoteBlock))),
    ),
  );
}

export function showPath(paths: { length: number; hops: { direction: string; from: { id: string }; to: { id: string }; relation: GRel & { sources: Quote[] } }[] }[]): void {
  const p = paths[0]!;
  takeTurn();
  fill(
    panel(),
    h('h2', {}, `Path (${p.length} ${p.length === 1 ? 'hop' : 'hops'})`),
    h('h3', { id: 'details-title' }, nameOf(p.hops[0]!.from.id), ' → ', nameOf(p.hops.at(-1)!.to.id)),
    h(
      'ol',
      { class: 'hops', id: 'path-hops' },
      ...p.hops.map((hop) =>
        h('li', {}, nameOf(hop.relation.from.id), ' ', h('code', {}, hop.relation.type), ' ', nameOf(hop.relation.to.id), ...hop.relation.sources.map(quoteBlock)),
      ),
    ),
    paths.length > 1 ? h('p', { class: 'hint' }, `${paths.length - 1} other path(s) of the same length are drawn too.`) : null,
  );
}
