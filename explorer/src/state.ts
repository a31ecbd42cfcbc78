/**
 * The one state object of the explorer and its URL form. Every change that alters what is shown goes
 * through `commit`, which pushes a history entry (so Back and the Undo button step back through views)
 * and writes the whole view into the URL (mode, entities, expansions, filters, hidden entities, range,
 * selection), so a shared link opens the same view.
 */
export type Mode = 'explore' | 'lineage' | 'path';
export type LayoutName = 'cose' | 'dagre';

export interface ViewState {
  mode: Mode;
  /** The entity the view is about (explore, lineage) or the path's start. */
  focus: string | null;
  /** The path's end. */
  to: string | null;
  layout: LayoutName;
  /** Expansions in the order made: an entity id, or `id~TYPE` for one relation type only. */
  expanded: string[];
  hiddenKinds: string[];
  hiddenRelations: string[];
  hiddenNodes: string[];
  /** Inclusive ISO dates. */
  range: [string, string] | null;
  /** The selected node or relation id. */
  selected: string | null;
  /** Where the user dropped nodes: layouts keep them there. */
  pinned: Record<string, [number, number]>;
}

/** What a newcomer sees first: the story from the MoU to SPA III. */
export const LANDING: Readonly<ViewState> = {
  mode: 'lineage',
  focus: 'instrument:spa-3',
  to: null,
  layout: 'dagre',
  expanded: [],
  hiddenKinds: [],
  hiddenRelations: [],
  hiddenNodes: [],
  range: null,
  selected: null,
  pinned: {},
};

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const list = (value: string | null) => (value ? value.split(',').filter(Boolean) : []);

export function parseView(search: string): ViewState {
  const p = new URLSearchParams(search);
  if (![...p.keys()].length) return structuredClone(LANDING) as ViewState;
  const mode = p.get('mode');
  const range = p.get('range')?.split('..');
  return {
    mode: mode === 'lineage' || mode === 'path' ? mode : 'explore',
    focus: p.get('focus'),
    to: p.get('to'),
    layout: p.get('layout') === 'dagre' ? 'dagre' : p.get('layout') === 'cose' ? 'cose' : mode === 'lineage' ? 'dagre' : 'cose',
    expanded: list(p.get('expand')),
    // Links made before kinds were ALL_CAPS said `hideKinds=PlanArea`: read those as PLAN_AREA.
    hiddenKinds: list(p.get('hideKinds')).map((k) => k.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()),
    hiddenRelations: list(p.get('hideRelations')),
    hiddenNodes: list(p.get('hide')),
    range: range && range.length === 2 && ISO.test(range[0]!) && ISO.test(range[1]!) ? [range[0]!, range[1]!] : null,
    selected: p.get('select'),
    pinned: parsePins(p.get('pin')),
  };
}

/** `id@x,y;id@x,y` -> positions; malformed entries are skipped. */
function parsePins(value: string | null): Record<string, [number, number]> {
  const pins: Record<string, [number, number]> = {};
  for (const entry of value?.split(';') ?? []) {
    const m = /^(.+)@(-?\d+),(-?\d+)$/.exec(entry);
    if (m) pins[m[1]!] = [Number(m[2]), Number(m[3])];
  }
  return pins;
}

export function serializeView(v: ViewState): string {
  const p = new URLSearchParams();
  p.set('mode', v.mode);
  if (v.focus) p.set('focus', v.focus);
  if (v.to && v.mode === 'path') p.set('to', v.to);
  p.set('layout', v.layout);
  if (v.expanded.length) p.set('expand', v.expanded.join(','));
  if (v.hiddenKinds.length) p.set('hideKinds', v.hiddenKinds.join(','));
  if (v.hiddenRelations.length) p.set('hideRelations', v.hiddenRelations.join(','));
  if (v.hiddenNodes.length) p.set('hide', v.hiddenNodes.join(','));
  if (v.range) p.set('range', v.range.join('..'));
  if (v.selected) p.set('select', v.selected);
  const pins = Object.entries(v.pinned);
  if (pins.length) p.set('pin', pins.map(([id, [x, y]]) => `${id}@${x},${y}`).join(';'));
  return `?${p}`;
}

/** The state: read from the URL at load, replaced on Back/Forward, changed only through commit. */
export const state: ViewState = parseView(location.search);

let index = 0;
let top = 0;
type Listener = () => void;
const listeners: Listener[] = [];

/** Called after every change of state (commit, Back, Forward, open a saved view). */
export function onChange(listener: Listener): void {
  listeners.push(listener);
}

function notify(): void {
  for (const l of listeners) l();
}

/** Records the state as the current history entry (at load). */
export function begin(): void {
  history.replaceState({ index }, '', `${location.pathname}${serializeView(state)}`);
}

/**
 * Applies a change as a new history entry (Back and Undo return to the view before it). A selection is
 * written into the URL in place (`replace`), so Back steps through views rather than through clicks.
 */
export function commit(change: Partial<ViewState>, replace = false): void {
  // Positions the user dropped belong to one picture: a new mode, entity or layout starts without them.
  const newPicture = (['mode', 'focus', 'to', 'layout'] as const).some((k) => k in change && change[k] !== state[k]);
  if (newPicture && !('pinned' in change)) change = { ...change, pinned: {} };
  Object.assign(state, change);
  if (replace) history.replaceState({ index }, '', `${location.pathname}${serializeView(state)}`);
  else {
    index += 1;
    top = index;
    history.pushState({ index }, '', `${location.pathname}${serializeView(state)}`);
  }
  notify();
}

/** Replaces the whole state (a saved view file) as a new history entry. */
export function replaceAll(view: ViewState): void {
  commit(view);
}

export const canUndo = () => index > 0;
export const canRedo = () => index < top;
export const undo = () => canUndo() && history.back();
export const redo = () => canRedo() && history.forward();

window.addEventListener('popstate', (event) => {
  index = typeof event.state?.index === 'number' ? event.state.index : 0;
  Object.assign(state, parseView(location.search));
  notify();
});

/** Validates a saved view file's content into a state; throws with a sentence naming the problem. */
export function viewFromFile(text: string): ViewState {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error('The file is not JSON.');
  }
  const view = (data as { view?: unknown })?.view;
  if (!view || typeof view !== 'object' || typeof (view as { url?: unknown }).url !== 'string') throw new Error('The file has no "view.url": it is not a saved explorer view.');
  return parseView((view as { url: string }).url);
}
