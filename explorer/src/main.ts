/**
 * The COMMIT graph explorer: wires the modules around the one state object (state.ts). A change of
 * state (a click, a key, Back/Forward, a saved view) re-renders: the graph is rebuilt only when the mode,
 * entities or expansions changed; filters, range and selection are re-applied every time. Everything it
 * shows comes from /graphql through the typed operations in ./generated.ts.
 */
import type { EventObject } from 'cytoscape';
import { ApiError } from './api.js';
import { showHint, showLineage, showNode, showPath, showRelation, type DetailActions } from './details.js';
import { byId } from './dom.js';
import { exportGraphMl, exportJson, exportPng, exportSvg, saveView } from './exports.js';
import { applyFilters, attachFilters } from './filters.js';
import { attachTooltip, cy, fitView, labelOverlaps, markFocus, nameOf, runLayout } from './graph.js';
import { checkHealth } from './health.js';
import { attachKeyboard } from './keyboard.js';
import { drawLineage } from './lineage.js';
import { drawExpansion, drawNeighbourhood } from './neighbourhood.js';
import { drawPath } from './path.js';
import { attachSearch } from './search.js';
import { begin, canRedo, canUndo, commit, onChange, redo, replaceAll, state, undo, viewFromFile, type Mode, type ViewState } from './state.js';
import { applyRange, attachTimeline, drawTimeline, loadTimeline } from './timeline.js';

Object.assign(window, { __cy: cy, __state: state, __labelOverlaps: labelOverlaps });

function status(text: string, error = false): void {
  const el = byId('status');
  el.textContent = text;
  el.classList.toggle('error', error);
}

// --------------------------------------------------------------------------------------- rendering
let drawnBase = '';
let drawnExpanded: string[] = [];
let queue: Promise<void> = Promise.resolve();

const baseKey = (v: ViewState) => `${v.mode}|${v.focus}|${v.mode === 'path' ? v.to : ''}|${v.layout}`;
const isPrefix = (a: string[], b: string[]) => a.length <= b.length && a.every((x, i) => b[i] === x);

async function drawBase(): Promise<string> {
  const { mode, focus, to } = state;
  if (!focus) return 'Search for an entity to start.';
  if (mode === 'lineage') {
    const l = await drawLineage(focus);
    markFocus(focus);
    runLayout(mode, state.layout, state.pinned);
    if (!state.selected) showLineage(l.root, l.steps);
    return `Lineage of ${l.root.name}: ${l.steps.length} steps, older on the left; dashed: parts and adopting meetings.`;
  }
  if (mode === 'path' && to) {
    const paths = await drawPath(focus, to);
    markFocus(focus);
    runLayout(mode, state.layout, state.pinned);
    if (paths.length === 0) return 'These two entities are not connected within 6 relations.';
    if (!state.selected) showPath(paths);
    return `${paths.length} shortest path(s) of ${paths[0]!.length} relation(s); the first is highlighted.`;
  }
  const truncated = await drawNeighbourhood(focus);
  markFocus(focus);
  runLayout(mode, state.layout, state.pinned);
  if (mode === 'path') return 'Path mode: choose the second entity in the "to" box.';
  return `${cy.nodes().length} entities, ${cy.edges().length} relations${truncated ? ' (truncated)' : ''}. Double-click or press E to expand a node.`;
}

async function render(): Promise<void> {
  setControls();
  try {
    let message: string | null = null;
    if (baseKey(state) !== drawnBase || !isPrefix(drawnExpanded, state.expanded)) {
      status('Loading…');
      cy.elements().remove();
      drawnBase = '';
      drawnExpanded = [];
      message = await drawBase();
      drawnBase = baseKey(state);
    }
    for (const expansion of state.expanded.slice(drawnExpanded.length)) {
      const added = await drawExpansion(expansion);
      drawnExpanded.push(expansion);
      runLayout(state.mode, state.layout, state.pinned);
      message = `Expanded ${nameOf(expansion.split('~')[0]!)}${expansion.includes('~') ? ` by ${expansion.split('~')[1]}` : ''}: +${added} entities (${cy.nodes().length} in view).`;
    }
    applyFilters();
    applyRange(state.range, state.focus);
    drawTimeline(state.range);
    markFocus(state.focus);
    applySelection();
    if (message) status(message);
    fillInputs();
  } catch (error) {
    status(error instanceof ApiError ? `${error.message} (${error.code})` : 'Something went wrong loading the graph.', true);
  }
  rendered += 1;
  document.body.dataset.rendered = String(rendered);
}
let rendered = 0;

const rerender = () => (queue = queue.then(render));

/** The search boxes show the entities of the view (a shared path link opens with both filled). */
function fillInputs(): void {
  const search = byId<HTMLInputElement>('search-input');
  const to = byId<HTMLInputElement>('path-to-input');
  if (state.focus && document.activeElement !== search) search.value = nameOf(state.focus);
  if (state.to && state.mode === 'path' && document.activeElement !== to) to.value = nameOf(state.to);
}

/** The selection whose details the panel was last asked to show; a re-render of the same selection keeps the panel (and the focus in it). */
let detailsOf: string | null = null;

function applySelection(): void {
  cy.elements().unselect();
  const id = state.selected;
  if (!id) {
    detailsOf = null;
    return;
  }
  const el = cy.getElementById(id);
  if (el.empty()) return;
  el.select();
  if (id === detailsOf) return;
  detailsOf = id;
  if (el.group() === 'nodes') void showNode(id, actions);
  else void showRelation(id, String(el.data('source')), String(el.data('type')));
}

// ----------------------------------------------------------------------------------------- actions
const expandKey = (id: string, type?: string) => (type ? `${id}~${type}` : id);

function expand(id: string, type?: string): void {
  const key = expandKey(id, type);
  if (state.mode !== 'explore') return commit({ mode: 'explore', focus: id, expanded: type ? [key] : [], selected: id });
  if (state.expanded.includes(key)) return status(`${nameOf(id)} is already expanded${type ? ` by ${type}` : ''}.`);
  commit({ expanded: [...state.expanded, key], selected: id });
}

const actions: DetailActions = {
  lineage: (id) => commit({ mode: 'lineage', focus: id, expanded: [], selected: null, layout: 'dagre' }),
  centre: (id) => commit({ mode: 'explore', focus: id, expanded: [], selected: id }),
  expand: (id, type) => expand(id, type),
  hide: (id) => commit({ hiddenNodes: [...state.hiddenNodes, id], selected: state.selected === id ? null : state.selected }),
};

function go(mode: Mode): void {
  commit({ mode, expanded: [], selected: null, layout: mode === 'lineage' ? 'dagre' : state.layout === 'dagre' && state.mode === 'lineage' ? 'cose' : state.layout });
}

// ---------------------------------------------------------------------------------------- controls
function setControls(): void {
  document.querySelectorAll<HTMLButtonElement>('[data-mode]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.mode === state.mode)));
  byId('path-controls').hidden = state.mode !== 'path';
  byId<HTMLSelectElement>('layout-select').value = state.layout;
  byId<HTMLButtonElement>('undo-button').disabled = !canUndo();
  byId<HTMLButtonElement>('redo-button').disabled = !canRedo();
}

function attachControls(): void {
  document.querySelectorAll<HTMLButtonElement>('[data-mode]').forEach((b) => (b.onclick = () => go(b.dataset.mode as Mode)));
  byId<HTMLSelectElement>('layout-select').onchange = (e) => commit({ layout: (e.target as HTMLSelectElement).value === 'dagre' ? 'dagre' : 'cose' });
  byId('fit-button').onclick = () => fitView();
  byId('undo-button').onclick = () => undo();
  byId('redo-button').onclick = () => redo();
  byId('png-button').onclick = () => exportPng(state);
  byId('svg-button').onclick = () => exportSvg(state);
  byId('json-button').onclick = () => exportJson(state);
  byId('graphml-button').onclick = () => exportGraphMl(state);
  byId('save-view-button').onclick = () => saveView(state);
  byId<HTMLInputElement>('open-view-input').onchange = async (e) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (!file) return;
    try {
      replaceAll(viewFromFile(await file.text()));
    } catch (error) {
      status(`Cannot open the view: ${(error as Error).message}`, true);
    }
  };
  attachSearch(byId('search-input'), byId('suggestions'), (n) => commit({ focus: n.id, expanded: [], selected: null, to: state.mode === 'path' ? state.to : null }), (t) => status(t, true));
  attachSearch(byId('path-to-input'), byId('path-suggestions'), (n) => commit({ to: n.id, mode: 'path', expanded: [], selected: null }), (t) => status(t, true));

  cy.on('tap', 'node, edge', (e: EventObject) => {
    const mouse = e.originalEvent as MouseEvent | undefined;
    // With a modifier key Cytoscape adds to the selection; the selection bar acts on all of it.
    if (mouse && (mouse.shiftKey || mouse.ctrlKey || mouse.metaKey)) return;
    detailsOf = null; // a tap asks for the details even of what is already selected
    commit({ selected: e.target.id() }, true);
  });
  let selectionTimer: number | undefined;
  cy.on('select unselect', () => {
    window.clearTimeout(selectionTimer);
    selectionTimer = window.setTimeout(showSelectionActions, 30);
  });
  byId('selection-expand').onclick = () => {
    const ids = selectedNodeIds().filter((id) => !state.expanded.includes(id));
    if (state.mode !== 'explore') commit({ mode: 'explore', expanded: ids, selected: null });
    else commit({ expanded: [...state.expanded, ...ids], selected: null });
  };
  byId('selection-hide').onclick = () => commit({ hiddenNodes: [...new Set([...state.hiddenNodes, ...selectedNodeIds()])], selected: null });
  byId('selection-clear').onclick = () => {
    cy.elements().unselect();
    commit({ selected: null }, true);
  };
  cy.on('tap', (e: EventObject) => {
    if (e.target === cy && state.selected) commit({ selected: null }, true);
  });
  // Cytoscape reports a double tap for any two taps close in time, even on two different elements (an
  // edge, then a node): only two taps on the same node expand it.
  let tapped: [string | null, string | null] = [null, null];
  cy.on('tap', (e: EventObject) => {
    tapped = [tapped[1], e.target === cy ? null : String(e.target.id())];
  });
  cy.on('dbltap', 'node', (e: EventObject) => {
    if (tapped[0] === e.target.id()) expand(e.target.id());
  });
  cy.on('dragfree', 'node', (e: EventObject) => {
    const p = e.target.position();
    commit({ pinned: { ...state.pinned, [e.target.id()]: [Math.round(p.x), Math.round(p.y)] } }, true);
  });
  let resize: number | undefined;
  window.addEventListener('resize', () => {
    window.clearTimeout(resize);
    resize = window.setTimeout(() => drawTimeline(state.range), 100);
  });
}

// -------------------------------------------------------------------------------------- selection
const selectedNodeIds = (): string[] => cy.nodes(':selected').map((n) => n.id());

/** The bar of actions on a multi-selection; shown when more than one entity is selected. */
function showSelectionActions(): void {
  const n = selectedNodeIds().length;
  byId('selection-actions').hidden = n < 2;
  byId('selection-count').textContent = `${n} entities selected:`;
}

// ------------------------------------------------------------------------------------------ start
attachControls();
attachFilters();
attachKeyboard(actions, expand);
attachTooltip();
attachTimeline({ setRange: (range) => commit({ range }), open: (id) => commit({ mode: 'explore', focus: id, expanded: [], selected: id }) });
onChange(rerender);
begin();
setControls();
showHint('Select a node or relation to see its properties and sources. Keyboard: focus the graph, then arrow keys.');
void checkHealth();
setInterval(() => void checkHealth(), 10_000);
void loadTimeline()
  .then(() => rerender())
  .then(() => (document.body.dataset.timeline = 'drawn'))
  .catch(() => (byId('timeline-range').textContent = 'The timeline could not be loaded.'));
rerender();
