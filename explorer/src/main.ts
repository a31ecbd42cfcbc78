/**
 * The COMMIT graph explorer: search, neighbourhood drawing and expansion, details with highlighted
 * quotes, lineage and path modes, a timeline filter, shareable URLs and export. Everything it shows comes
 * from the public GraphQL API through the typed operations in ./generated.ts.
 */
import cytoscape, { type Core, type ElementDefinition, type EventObject } from 'cytoscape';
import dagre from 'cytoscape-dagre';
import { ApiError, onAvailability, request } from './api.js';
import {
  ExplorerDetailsDocument,
  ExplorerLineageDocument,
  ExplorerNeighbourhoodDocument,
  ExplorerPathDocument,
  ExplorerRelationDocument,
  ExplorerSuggestDocument,
  ExplorerTimelineDocument,
  type ExplorerTimelineQuery,
} from './generated.js';
import { KIND_STYLE, kindStyle } from './style.js';

cytoscape.use(dagre);

type Mode = 'explore' | 'lineage' | 'path';
interface State {
  mode: Mode;
  focus: string | null;
  to: string | null;
  layout: 'cose' | 'dagre';
  range: [string, string] | null;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const state: State = readUrl();
const hiddenKinds = new Set<string>();
const hiddenRelations = new Set<string>();
const eventsBySubject = new Map<string, { start: string; end: string }[]>();

const cy: Core = cytoscape({
  container: $('cy'),
  wheelSensitivity: 0.3,
  minZoom: 0.15,
  maxZoom: 3,
  style: [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'background-color': 'data(color)',
        shape: 'data(shape)' as never,
        'font-size': 10,
        'text-wrap': 'wrap',
        'text-max-width': '120px',
        'text-valign': 'bottom',
        'text-margin-y': 3,
        width: 26,
        height: 26,
        'border-width': 1,
        'border-color': '#555',
      },
    },
    { selector: 'node.focus', style: { 'border-width': 4, 'border-color': '#0b5cad', width: 36, height: 36 } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#f4b400' } },
    {
      selector: 'edge',
      style: {
        label: 'data(type)',
        'font-size': 7,
        color: '#555',
        'text-rotation': 'autorotate',
        'text-background-color': '#fff',
        'text-background-opacity': 0.8,
        'curve-style': 'bezier',
        'target-arrow-shape': 'triangle',
        width: 1.4,
        'line-color': '#9aa4ab',
        'target-arrow-color': '#9aa4ab',
      },
    },
    { selector: 'edge:selected', style: { 'line-color': '#f4b400', 'target-arrow-color': '#f4b400', width: 3 } },
    { selector: '.path', style: { 'line-color': '#0b5cad', 'target-arrow-color': '#0b5cad', width: 4, 'border-color': '#0b5cad', 'border-width': 4 } },
    { selector: '.faded', style: { opacity: 0.12 } },
    { selector: '.hidden', style: { display: 'none' } },
  ],
});
(window as unknown as { __cy: Core; __state: State }).__cy = cy;
(window as unknown as { __state: State }).__state = state;

// ---------------------------------------------------------------------------------------------- URL
function readUrl(): State {
  const p = new URLSearchParams(location.search);
  const mode = p.get('mode');
  const range = p.get('range')?.split('..');
  return {
    mode: mode === 'lineage' || mode === 'path' ? mode : 'explore',
    focus: p.get('focus'),
    to: p.get('to'),
    layout: p.get('layout') === 'dagre' ? 'dagre' : 'cose',
    range: range && range.length === 2 ? [range[0]!, range[1]!] : null,
  };
}

function writeUrl(): void {
  const p = new URLSearchParams();
  p.set('mode', state.mode);
  if (state.focus) p.set('focus', state.focus);
  if (state.to && state.mode === 'path') p.set('to', state.to);
  if (state.layout !== 'cose') p.set('layout', state.layout);
  if (state.range) p.set('range', state.range.join('..'));
  history.replaceState(null, '', `${location.pathname}?${p}`);
}

// ------------------------------------------------------------------------------------------- status
function status(text: string, error = false): void {
  const el = $('status');
  el.textContent = text;
  el.classList.toggle('error', error);
}

onAvailability((error) => {
  const banner = $('banner');
  if (error) {
    banner.textContent = error.code === 'NETWORK' ? 'The server cannot be reached. Retrying…' : 'The graph database is unavailable right now; the page will recover when it is back.';
    banner.hidden = false;
  } else banner.hidden = true;
});

async function checkHealth(): Promise<void> {
  try {
    const res = await fetch('/health');
    const banner = $('banner');
    if (res.status === 503) {
      banner.textContent = 'The graph database is unavailable right now; the page will recover when it is back.';
      banner.hidden = false;
    } else if (res.ok) banner.hidden = true;
  } catch {
    $('banner').textContent = 'The server cannot be reached. Retrying…';
    $('banner').hidden = false;
  }
}

// -------------------------------------------------------------------------------------------- graph
interface GNode {
  id: string;
  kind: string;
  name: string;
}
interface GRel {
  id: string;
  type: string;
  from: { id: string };
  to: { id: string };
}

function nodeElement(n: GNode): ElementDefinition {
  const s = kindStyle(n.kind);
  const label = n.name.length > 48 ? `${n.name.slice(0, 46)}…` : n.name;
  return { group: 'nodes', data: { id: n.id, kind: n.kind, name: n.name, label, color: s.color, shape: s.shape } };
}

function edgeElement(r: GRel, reverse = false): ElementDefinition {
  return { group: 'edges', data: { id: r.id, type: r.type, source: reverse ? r.to.id : r.from.id, target: reverse ? r.from.id : r.to.id, relFrom: r.from.id } };
}

function addElements(nodes: GNode[], rels: GRel[], reverse = false): void {
  const fresh: ElementDefinition[] = [];
  for (const n of nodes) if (cy.getElementById(n.id).empty()) fresh.push(nodeElement(n));
  for (const r of rels) if (cy.getElementById(r.id).empty()) fresh.push(edgeElement(r, reverse));
  cy.add(fresh);
  refreshFilters();
}

function runLayout(fit = true): void {
  const options =
    state.layout === 'dagre' || state.mode === 'lineage'
      ? { name: 'dagre', rankDir: state.mode === 'lineage' ? 'LR' : 'TB', nodeSep: 30, rankSep: 90, animate: false, fit, padding: 30 }
      : { name: 'cose', animate: false, fit, padding: 30, nodeRepulsion: () => 9000, idealEdgeLength: () => 90, randomize: false };
  cy.elements(':visible').layout(options as never).run();
}

function markFocus(): void {
  cy.nodes().removeClass('focus');
  if (state.focus) cy.getElementById(state.focus).addClass('focus');
}

async function loadExplore(id: string): Promise<void> {
  status('Loading neighbourhood…');
  const data = await request(ExplorerNeighbourhoodDocument, { id, hops: 1 });
  cy.elements().remove();
  const n = data.neighbourhood!;
  addElements(n.nodes, n.relations);
  markFocus();
  runLayout();
  status(`${cy.nodes().length} entities, ${cy.edges().length} relations${n.truncated ? ' (truncated)' : ''}. Double-click a node to expand it.`);
}

async function expand(id: string): Promise<void> {
  status('Expanding…');
  const data = await request(ExplorerNeighbourhoodDocument, { id, hops: 1 });
  const before = cy.nodes().length;
  addElements(data.neighbourhood!.nodes, data.neighbourhood!.relations);
  runLayout(false);
  status(`Expanded ${id}: +${cy.nodes().length - before} entities (${cy.nodes().length} in view).`);
}

async function loadLineage(id: string): Promise<void> {
  status('Loading lineage…');
  const data = await request(ExplorerLineageDocument, { id });
  cy.elements().remove();
  const l = data.lineage!;
  // Edges run older -> newer so that the layered layout reads left to right in time.
  addElements(
    l.nodes,
    l.steps.map((s, i) => ({ id: `lineage-${i}-${s.from.id}-${s.relation}-${s.to.id}`, type: s.relation, from: s.from, to: s.to })),
    true,
  );
  markFocus();
  runLayout();
  status(`Lineage of ${l.root.name}: ${l.steps.length} steps, older on the left.`);
  renderLineageDetails(l);
}

async function loadPath(from: string, to: string): Promise<void> {
  status('Finding connections…');
  const data = await request(ExplorerPathDocument, { from, to });
  cy.elements().remove();
  if (data.connection.length === 0) {
    status('These two entities are not connected within 6 relations.');
    return;
  }
  for (const p of data.connection) addElements(p.nodes, p.hops.map((h) => h.relation));
  const first = data.connection[0]!;
  for (const n of first.nodes) cy.getElementById(n.id).addClass('path');
  for (const h of first.hops) cy.getElementById(h.relation.id).addClass('path');
  markFocus();
  runLayout();
  status(`${data.connection.length} shortest path(s) of ${first.length} relation(s); the first is highlighted.`);
  renderPathDetails(data.connection);
}

async function refresh(): Promise<void> {
  writeUrl();
  setModeButtons();
  try {
    if (!state.focus) return;
    if (state.mode === 'lineage') await loadLineage(state.focus);
    else if (state.mode === 'path' && state.to) await loadPath(state.focus, state.to);
    else if (state.mode === 'path') {
      await loadExplore(state.focus);
      status('Path mode: choose the second entity in the "to" box.');
    } else await loadExplore(state.focus);
    applyRange();
  } catch (error) {
    status(error instanceof ApiError ? `${error.message} (${error.code})` : 'Something went wrong loading the graph.', true);
  }
}

// ------------------------------------------------------------------------------------------ filters
function buildLegend(): void {
  $('kind-legend').innerHTML = Object.entries(KIND_STYLE)
    .map(
      ([kind, s]) =>
        `<li><input type="checkbox" id="k-${kind}" data-kind="${kind}" checked><span class="swatch" style="background:${s.color}"></span><label for="k-${kind}">${kind}</label></li>`,
    )
    .join('');
  $('kind-legend').addEventListener('change', (e) => {
    const box = e.target as HTMLInputElement;
    if (box.checked) hiddenKinds.delete(box.dataset.kind!);
    else hiddenKinds.add(box.dataset.kind!);
    refreshFilters();
  });
  $('relation-filter').addEventListener('change', (e) => {
    const box = e.target as HTMLInputElement;
    if (box.checked) hiddenRelations.delete(box.dataset.type!);
    else hiddenRelations.add(box.dataset.type!);
    refreshFilters();
  });
}

function refreshFilters(): void {
  const types = [...new Set(cy.edges().map((e) => e.data('type') as string))].sort();
  const list = $('relation-filter');
  const existing = new Set([...list.querySelectorAll<HTMLInputElement>('input')].map((i) => i.dataset.type));
  if (types.some((t) => !existing.has(t)) || existing.size !== types.length) {
    list.innerHTML = types
      .map((t) => `<li><input type="checkbox" id="r-${t}" data-type="${t}" ${hiddenRelations.has(t) ? '' : 'checked'}><label for="r-${t}">${t}</label></li>`)
      .join('');
  }
  cy.batch(() => {
    cy.nodes().forEach((n) => {
      n.toggleClass('hidden', hiddenKinds.has(n.data('kind')));
    });
    cy.edges().forEach((e) => {
      e.toggleClass('hidden', hiddenRelations.has(e.data('type')) || e.source().hasClass('hidden') || e.target().hasClass('hidden'));
    });
  });
}

// ------------------------------------------------------------------------------------------ details
function quoteHtml(s: { quote: string; source: { title: string }; context?: { before: string; quote: string; after: string } | null }): string {
  const ctx = s.context;
  const body = ctx ? `${ctx.before ? '…' : ''}${esc(ctx.before)}<mark>${esc(ctx.quote)}</mark>${esc(ctx.after)}${ctx.after ? '…' : ''}` : `<mark>${esc(s.quote)}</mark>`;
  return `<blockquote class="quote">${body}<span class="src">${esc(s.source.title)}</span></blockquote>`;
}

function dateText(d: { text: string; start: string; end: string; precision: string; qualifier?: string | null } | null | undefined): string | null {
  if (!d) return null;
  return `${d.text} <small>(${d.precision.toLowerCase()}${d.qualifier ? `, ${d.qualifier.toLowerCase().replace('_', '-')}` : ''}; ${d.start} – ${d.end})</small>`;
}

async function showNode(id: string): Promise<void> {
  const panel = $('details');
  panel.innerHTML = '<p class="hint">Loading…</p>';
  try {
    const { node } = await request(ExplorerDetailsDocument, { id });
    if (!node) return;
    const rows: [string, string | null][] = [
      ['Kind', esc(node.kind)],
      ['Id', `<code>${esc(node.id)}</code>`],
      ['Aliases', node.aliases.length ? esc(node.aliases.join(', ')) : null],
    ];
    const n = node as Record<string, any>;
    for (const f of ['date', 'period', 'drafted', 'adopted', 'signed']) if (n[f]) rows.push([f[0]!.toUpperCase() + f.slice(1), dateText(n[f])]);
    if (n.place) rows.push(['Place', esc(n.place.name)]);
    if (n.alternateTitles?.length) rows.push(['Also titled', n.alternateTitles.map((t: any) => `${esc(t.title)} <small>(${esc(t.note)})</small>`).join('<br>')]);
    panel.innerHTML = `
      <h2>${esc(node.kind)}</h2>
      <h3 id="details-title">${esc(node.name)}</h3>
      ${node.description ? `<p>${esc(node.description)}</p>` : ''}
      ${n.text ? `<p><em>“${esc(n.text)}”</em></p>` : ''}
      <dl>${rows.filter(([, v]) => v).map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>
      <h2>Sources (${node.sources.length})</h2>
      <div id="details-sources">${node.sources.map(quoteHtml).join('')}</div>
      <p><button type="button" id="details-lineage">Lineage</button> <button type="button" id="details-focus">Centre here</button></p>`;
    $('details-lineage').onclick = () => void go({ mode: 'lineage', focus: node.id });
    $('details-focus').onclick = () => void go({ mode: 'explore', focus: node.id });
  } catch (error) {
    panel.innerHTML = `<p class="status error">${esc(error instanceof ApiError ? error.message : 'Could not load details.')}</p>`;
  }
}

async function showEdge(relationId: string, fromId: string): Promise<void> {
  const panel = $('details');
  panel.innerHTML = '<p class="hint">Loading…</p>';
  try {
    const { node } = await request(ExplorerRelationDocument, { id: fromId });
    const rel = node?.relations.find((r) => r.id === relationId);
    if (!rel) {
      panel.innerHTML = '<p class="hint">This relation has no stored record (lineage steps are shown from their relation).</p>';
      return;
    }
    const name = (id: string) => esc(cy.getElementById(id).data('name') ?? id);
    panel.innerHTML = `
      <h2>Relation</h2>
      <h3 id="details-title">${name(rel.from.id)} <code>${esc(rel.type)}</code> ${name(rel.to.id)}</h3>
      <dl>
        ${rel.date ? `<dt>Date</dt><dd>${esc(rel.date.text)} <small>(${esc(rel.date.precision.toLowerCase())})</small></dd>` : ''}
        ${rel.properties.map((p) => `<dt>${esc(p.key)}</dt><dd>${esc(p.value)}</dd>`).join('')}
      </dl>
      <h2>Sources (${rel.sources.length})</h2>
      <div id="details-sources">${rel.sources.map(quoteHtml).join('')}</div>`;
  } catch (error) {
    panel.innerHTML = `<p class="status error">${esc(error instanceof ApiError ? error.message : 'Could not load details.')}</p>`;
  }
}

function renderLineageDetails(l: { root: GNode; steps: { depth: number; direction: string; relation: string; from: { id: string }; to: { id: string }; sources: { quote: string }[] }[] }): void {
  const name = (id: string) => esc(cy.getElementById(id).data('name') ?? id);
  $('details').innerHTML = `<h2>Lineage</h2><h3 id="details-title">${esc(l.root.name)}</h3>
    <ol class="hops">${l.steps.map((s) => `<li>${name(s.from.id)} <code>${esc(s.relation)}</code> ${name(s.to.id)}<blockquote class="quote"><mark>${esc(s.sources[0]?.quote)}</mark></blockquote></li>`).join('')}</ol>`;
}

function renderPathDetails(paths: { length: number; hops: { direction: string; from: { id: string }; to: { id: string }; relation: GRel & { sources: { quote: string; source: { title: string } }[] } }[] }[]): void {
  const name = (id: string) => esc(cy.getElementById(id).data('name') ?? id);
  const p = paths[0]!;
  $('details').innerHTML = `<h2>Path (${p.length} hops)</h2><h3 id="details-title">${name(p.hops[0]!.from.id)} → ${name(p.hops.at(-1)!.to.id)}</h3>
    <ol class="hops" id="path-hops">${p.hops
      .map((h) => `<li>${name(h.from.id)} ${h.direction === 'FORWARD' ? '→' : '←'} <code>${esc(h.relation.type)}</code> ${name(h.to.id)}${h.relation.sources.map((s) => quoteHtml(s)).join('')}</li>`)
      .join('')}</ol>${paths.length > 1 ? `<p class="hint">${paths.length - 1} other path(s) of the same length are drawn too.</p>` : ''}`;
}

// ------------------------------------------------------------------------------------------- search
function attachSearch(input: HTMLInputElement, list: HTMLUListElement, pick: (id: string, name: string) => void): void {
  let timer: number | undefined;
  let items: { id: string; name: string }[] = [];
  let active = -1;
  const close = () => {
    list.hidden = true;
    input.parentElement?.setAttribute('aria-expanded', 'false');
    active = -1;
  };
  const highlight = () => list.querySelectorAll('li').forEach((li, i) => li.setAttribute('aria-selected', String(i === active)));
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2) return close();
    timer = window.setTimeout(async () => {
      try {
        const data = await request(ExplorerSuggestDocument, { q });
        items = data.search.edges.map((e) => e.node.node);
        list.innerHTML = data.search.edges.length
          ? data.search.edges
              .map((e, i) => `<li role="option" id="${list.id}-${i}" data-index="${i}">${esc(e.node.node.name)}<span class="kind">${esc(e.node.node.kind)}</span><span class="passage">${esc(e.node.passage)}</span></li>`)
              .join('')
          : '<li aria-disabled="true">No match</li>';
        list.hidden = false;
        input.parentElement?.setAttribute('aria-expanded', 'true');
        active = -1;
      } catch (error) {
        status(error instanceof ApiError ? `Search failed: ${error.message}` : 'Search failed.', true);
      }
    }, 200);
  });
  input.addEventListener('keydown', (e) => {
    if (list.hidden) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      active = Math.max(0, Math.min(items.length - 1, active + (e.key === 'ArrowDown' ? 1 : -1)));
      highlight();
      input.setAttribute('aria-activedescendant', `${list.id}-${active}`);
    } else if (e.key === 'Enter') {
      const item = items[active < 0 ? 0 : active];
      if (item) {
        e.preventDefault();
        close();
        input.value = item.name;
        pick(item.id, item.name);
      }
    } else if (e.key === 'Escape') close();
  });
  list.addEventListener('mousedown', (e) => {
    const li = (e.target as HTMLElement).closest('li');
    const item = li?.dataset.index !== undefined ? items[Number(li.dataset.index)] : undefined;
    if (!item) return;
    e.preventDefault();
    close();
    input.value = item.name;
    pick(item.id, item.name);
  });
  input.addEventListener('blur', () => window.setTimeout(close, 150));
}

// ----------------------------------------------------------------------------------------- timeline
let timelineEvents: ExplorerTimelineQuery['timeline']['edges'][number]['node'][] = [];

async function loadTimeline(): Promise<void> {
  try {
    const data = await request(ExplorerTimelineDocument, {});
    timelineEvents = data.timeline.edges.map((e) => e.node);
    for (const e of timelineEvents) {
      const list = eventsBySubject.get(e.subject.id) ?? [];
      list.push({ start: e.date.start, end: e.date.end });
      eventsBySubject.set(e.subject.id, list);
    }
    drawTimeline();
    applyRange();
  } catch {
    $('timeline-range').textContent = 'The timeline could not be loaded.';
  }
}

function timeScale(width: number) {
  const starts = timelineEvents.map((e) => Date.parse(e.date.start));
  const ends = timelineEvents.map((e) => Date.parse(e.date.end));
  const min = Math.min(...starts) - 180 * 864e5;
  const max = Math.max(...ends) + 180 * 864e5;
  const x = (iso: string) => 10 + ((Date.parse(iso) - min) / (max - min)) * (width - 20);
  const inv = (px: number) => new Date(min + ((px - 10) / (width - 20)) * (max - min)).toISOString().slice(0, 10);
  return { x, inv, min, max };
}

function drawTimeline(): void {
  const svg = $('timeline') as unknown as SVGSVGElement;
  const width = svg.clientWidth || 800;
  if (timelineEvents.length === 0) return;
  const { x, min, max } = timeScale(width);
  const years: string[] = [];
  for (let y = new Date(min).getUTCFullYear() + 1; y <= new Date(max).getUTCFullYear(); y++) {
    const px = x(`${y}-01-01`);
    years.push(`<line x1="${px}" x2="${px}" y1="50" y2="56" stroke="#999"/><text x="${px}" y="67" font-size="9" text-anchor="middle" fill="#5f6b73">${y}</text>`);
  }
  const rows = new Map<string, number>();
  const bars = timelineEvents
    .map((e, i) => {
      const row = rows.get(e.subject.id) ?? rows.size % 4;
      rows.set(e.subject.id, row);
      const x1 = x(e.date.start);
      const x2 = Math.max(x(e.date.end), x1 + 3);
      const y = 6 + row * 11;
      const color = kindStyle(e.subject.kind).color;
      return `<rect class="event" data-index="${i}" x="${x1}" y="${y}" width="${x2 - x1}" height="8" rx="2" fill="${color}" stroke="#555" stroke-width=".5"><title>${esc(e.title)} — ${esc(e.date.text)}</title></rect>`;
    })
    .join('');
  const sel = state.range ? `<rect id="timeline-selection" x="${x(state.range[0])}" y="0" width="${Math.max(2, x(state.range[1]) - x(state.range[0]))}" height="52" fill="#0b5cad" opacity=".12"/>` : '';
  svg.innerHTML = `<line x1="10" x2="${width - 10}" y1="50" y2="50" stroke="#999"/>${years.join('')}${sel}${bars}`;
}

function attachTimelineBrush(): void {
  const svg = $('timeline') as unknown as SVGSVGElement;
  let startPx: number | null = null;
  svg.addEventListener('mousedown', (e) => {
    startPx = e.offsetX;
  });
  svg.addEventListener('mouseup', (e) => {
    if (startPx === null) return;
    const { inv } = timeScale(svg.clientWidth || 800);
    const [a, b] = [startPx, e.offsetX].sort((p, q) => p - q) as [number, number];
    startPx = null;
    if (b - a < 4) {
      const target = (e.target as Element).closest('.event') as SVGElement | null;
      const ev = target ? timelineEvents[Number(target.dataset.index)] : undefined;
      if (ev) void go({ mode: 'explore', focus: ev.subject.id });
      return;
    }
    setRange([inv(a), inv(b)]);
  });
  $('timeline-clear').onclick = () => setRange(null);
}

function setRange(range: [string, string] | null): void {
  state.range = range;
  writeUrl();
  drawTimeline();
  applyRange();
}

/** Fades entities whose dated events all fall outside the selected range; undated entities stay. */
function applyRange(): void {
  $('timeline-clear').hidden = !state.range;
  $('timeline-range').textContent = state.range ? `Showing entities dated ${state.range[0]} – ${state.range[1]}` : 'Drag across the strip to filter the graph by date.';
  cy.batch(() => {
    cy.elements().removeClass('faded');
    if (!state.range) return;
    const [from, to] = state.range;
    cy.nodes().forEach((n) => {
      const events = eventsBySubject.get(n.id());
      if (events && !events.some((e) => e.end >= from && e.start <= to)) {
        n.addClass('faded');
        n.connectedEdges().addClass('faded');
      }
    });
  });
}

// ---------------------------------------------------------------------------------------- controls
function setModeButtons(): void {
  document.querySelectorAll<HTMLButtonElement>('[data-mode]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.mode === state.mode)));
  $('path-controls').hidden = state.mode !== 'path';
  ($('layout-select') as HTMLSelectElement).value = state.layout;
}

async function go(change: Partial<State>): Promise<void> {
  Object.assign(state, change);
  await refresh();
}

function download(name: string, blob: Blob): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function attachControls(): void {
  document.querySelectorAll<HTMLButtonElement>('[data-mode]').forEach((b) => (b.onclick = () => void go({ mode: b.dataset.mode as Mode })));
  ($('layout-select') as HTMLSelectElement).onchange = (e) => {
    state.layout = (e.target as HTMLSelectElement).value === 'dagre' ? 'dagre' : 'cose';
    writeUrl();
    runLayout();
  };
  $('fit-button').onclick = () => cy.fit(cy.elements(':visible'), 30);
  $('png-button').onclick = () => download(`commit-${state.mode}-${state.focus ?? 'graph'}.png`, cy.png({ output: 'blob', full: true, bg: '#ffffff', scale: 2 }) as unknown as Blob);
  $('json-button').onclick = () => {
    const view = {
      mode: state.mode,
      focus: state.focus,
      to: state.to,
      nodes: cy.nodes(':visible').map((n) => ({ id: n.id(), kind: n.data('kind'), name: n.data('name') })),
      relations: cy.edges(':visible').map((e) => ({ id: e.id(), type: e.data('type'), from: e.source().id(), to: e.target().id() })),
    };
    download(`commit-${state.mode}-${state.focus ?? 'graph'}.json`, new Blob([JSON.stringify(view, null, 2)], { type: 'application/json' }));
  };
  attachSearch($('search-input'), $('suggestions'), (id) => void go({ focus: id, mode: state.mode === 'path' ? 'path' : state.mode }));
  attachSearch($('path-to-input'), $('path-suggestions'), (id) => void go({ to: id, mode: 'path' }));

  cy.on('tap', 'node', (e: EventObject) => void showNode(e.target.id()));
  cy.on('tap', 'edge', (e: EventObject) => void showEdge(e.target.id(), e.target.data('relFrom')));
  cy.on('dbltap', 'node', (e: EventObject) => {
    if (state.mode === 'explore') void expand(e.target.id());
    else void go({ mode: 'explore', focus: e.target.id() });
  });
  $('cy').addEventListener('keydown', (e) => {
    if (e.key === '+' || e.key === '=') cy.zoom({ level: cy.zoom() * 1.2, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    if (e.key === '-') cy.zoom({ level: cy.zoom() / 1.2, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    if (e.key === '0') cy.fit(cy.elements(':visible'), 30);
    if (e.key === 'Enter' && state.focus) void expand(state.focus);
  });
  window.addEventListener('resize', () => drawTimeline());
}

buildLegend();
attachControls();
attachTimelineBrush();
setModeButtons();
void checkHealth();
setInterval(() => void checkHealth(), 10_000);
void loadTimeline();
void refresh();
