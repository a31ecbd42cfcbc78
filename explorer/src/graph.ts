/**
 * The graph view: the Cytoscape instance, its styles, how entities and relations become elements, the
 * layouts (deterministic: one URL always gives the same picture), keyboard movement between nodes,
 * and hover tooltips. Every edge is drawn from the relation's `from` to its `to`, labelled with its type,
 * so the canvas reads as the data states it ("SPA III SUCCEEDS SPA II").
 */
import cytoscape, { type Core, type ElementDefinition, type NodeSingular } from 'cytoscape';
import dagre from 'cytoscape-dagre';
import { mulberry32 as seeded } from '../../src/prng.js';
import { byId } from './dom.js';
import type { LayoutName, Mode } from './state.js';
import { kindLabel, kindStyle } from './style.js';

cytoscape.use(dagre);

export interface GNode {
  id: string;
  kind: string;
  name: string;
  aliases?: string[];
}
export interface GRel {
  id: string;
  type: string;
  /** STATED or INFERRED (a lineage step carries its relation's). */
  basis?: string;
  from: { id: string };
  to: { id: string };
}

/** A short label: the name, or its shortest telling alias when the name is long; never more than 26 characters. */
export function shortLabel(n: GNode): string {
  if (n.name.length <= 26) return n.name;
  const alias = (n.aliases ?? []).filter((a) => a.length >= 3 && a.length < n.name.length).sort((a, b) => a.length - b.length)[0];
  if (alias && alias.length <= 26) return alias;
  return `${n.name.slice(0, 24)}…`;
}

export const cy: Core = cytoscape({
  container: byId('cy'),
  minZoom: 0.1,
  maxZoom: 3,
  // Shift-drag on the background draws a selection box; shift-click adds a node to the selection.
  boxSelectionEnabled: true,
  style: [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'background-color': 'data(color)',
        // A function mapper: Cytoscape's typings take the 'data(shape)' string mapper only where any string goes.
        shape: (n: NodeSingular) => n.data('shape'),
        'font-size': 11,
        'text-wrap': 'wrap',
        'text-max-width': '110px',
        'text-valign': 'bottom',
        'text-margin-y': 3,
        'text-background-color': '#fcfcfb',
        'text-background-opacity': 0.85,
        'text-background-padding': '1px',
        'min-zoomed-font-size': 5,
        width: 24,
        height: 24,
        'border-width': 1,
        'border-color': '#555',
      },
    },
    { selector: 'node.focus', style: { 'border-width': 4, 'border-color': '#0b5cad', width: 32, height: 32, 'font-weight': 'bold', 'font-size': 13, 'min-zoomed-font-size': 0 } },
    { selector: 'node:selected', style: { 'min-zoomed-font-size': 0, 'z-index': 20, 'border-width': 4, 'border-color': '#c77700', 'overlay-color': '#f4b400', 'overlay-opacity': 0.25, 'overlay-padding': 6 } },
    {
      selector: 'edge',
      style: {
        label: 'data(type)',
        'font-size': 8,
        color: '#4a545b',
        'text-rotation': 'autorotate',
        'text-background-color': '#fff',
        'text-background-opacity': 0.85,
        'min-zoomed-font-size': 7,
        'curve-style': 'bezier',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 1.1,
        width: 1.4,
        'line-color': '#9aa4ab',
        'target-arrow-color': '#9aa4ab',
      },
    },
    { selector: 'edge[?context]', style: { 'line-style': 'dashed' } },
    // The curator's inferences, not the source's statements: dotted and violet (the legend says so).
    { selector: 'edge[basis = "INFERRED"]', style: { 'line-style': 'dotted', 'line-color': '#7b3fa0', 'target-arrow-color': '#7b3fa0', width: 2 } },
    { selector: 'edge:selected', style: { 'line-color': '#c77700', 'target-arrow-color': '#c77700', width: 3 } },
    // Path styles per group: a node's `width` is its size, an edge's its stroke.
    { selector: 'node.path', style: { 'border-color': '#0b5cad', 'border-width': 5 } },
    { selector: 'edge.path', style: { 'line-color': '#0b5cad', 'target-arrow-color': '#0b5cad', width: 4 } },
    { selector: '.faded', style: { opacity: 0.18 } },
    { selector: '.hidden, .out-of-range', style: { display: 'none' } },
  ],
});

export function nodeElement(n: GNode): ElementDefinition {
  const style = kindStyle(n.kind);
  return { group: 'nodes', data: { id: n.id, kind: n.kind, name: n.name, label: shortLabel(n), color: style.color, shape: style.shape } };
}

export function edgeElement(r: GRel, extra: Record<string, unknown> = {}): ElementDefinition {
  return { group: 'edges', data: { id: r.id, type: r.type, basis: r.basis ?? null, source: r.from.id, target: r.to.id, ...extra } };
}

/** Adds what is not drawn yet; new nodes start at `near` (or the centre) so an incremental layout moves little. Returns the new nodes. */
export function addElements(nodes: GNode[], rels: GRel[], near?: string, extra: Record<string, unknown> = {}) {
  const origin = near && cy.getElementById(near).nonempty() ? cy.getElementById(near).position() : { x: 0, y: 0 };
  const fresh: ElementDefinition[] = [];
  const sorted = [...nodes].sort((a, b) => a.id.localeCompare(b.id));
  sorted.forEach((n, i) => {
    if (cy.getElementById(n.id).nonempty()) return;
    const angle = (2 * Math.PI * i) / Math.max(1, sorted.length);
    fresh.push({ ...nodeElement(n), position: { x: origin.x + 80 * Math.cos(angle), y: origin.y + 80 * Math.sin(angle) } });
  });
  for (const r of rels) if (cy.getElementById(r.id).empty()) fresh.push(edgeElement(r, extra));
  return cy.add(fresh).nodes();
}

/**
 * Lays out the visible elements. Lineage reads older on the left: its edges run newer -> older, so the
 * layered layout goes right to left. Force layout starts from the current positions (new nodes next to
 * what they expand) and sizes nodes with their labels so labels do not pile up.
 */
export function runLayout(mode: Mode, layout: LayoutName, pinned: Record<string, [number, number]> = {}, fit = true): void {
  const eles = cy.elements(':visible');
  const layered = layout === 'dagre' || mode === 'lineage';
  const options = layered
    ? { name: 'dagre', rankDir: mode === 'lineage' ? 'RL' : 'TB', nodeSep: 30, rankSep: 80, edgeSep: 10, nodeDimensionsIncludeLabels: true, animate: false, fit: false }
    : {
        name: 'cose',
        animate: false,
        fit: false,
        randomize: false,
        nodeDimensionsIncludeLabels: true,
        nodeRepulsion: () => 60_000,
        nodeOverlap: 40,
        idealEdgeLength: () => 80,
        edgeElasticity: () => 80,
        gravity: 0.6,
        numIter: 1500,
        componentSpacing: 80,
      };
  // Label sizes count in the layout; at a small zoom Cytoscape skips labels it would not draw, so lay out
  // at zoom 1 or the same URL would give another picture after another history.
  // The same goes for the selection overlay: the caller re-selects after the layout.
  cy.zoom(1);
  cy.elements().unselect();
  const random = Math.random;
  Math.random = seeded(eles.length);
  // Nodes the user placed stay where they were dropped: the force layout works around them (locked), and
  // they are put back after a layered layout, which ignores locks.
  const pins = cy.nodes().filter((n) => n.id() in pinned);
  pins.forEach((n) => void n.position({ x: pinned[n.id()]![0], y: pinned[n.id()]![1] }).lock());
  try {
    eles.layout(options).run();
  } finally {
    Math.random = random;
    pins.unlock();
    pins.forEach((n) => void n.position({ x: pinned[n.id()]![0], y: pinned[n.id()]![1] }));
  }
  if (fit) fitView();
}

/** Fits the visible graph, never zooming in past 1.25 (so a 3-node path is not blown up). */
export function fitView(): void {
  const visible = cy.elements(':visible');
  if (visible.empty()) return;
  cy.fit(visible, 30);
  if (cy.zoom() > 1.25) {
    cy.zoom(1.25);
    cy.center(visible);
  }
}

export function markFocus(focus: string | null): void {
  cy.nodes().removeClass('focus');
  if (focus) cy.getElementById(focus).addClass('focus');
}

export const nameOf = (id: string): string => (cy.getElementById(id).data('name') as string | undefined) ?? id;

/** Labels whose boxes overlap another's (for tests and the status line). */
export function labelOverlaps(): number {
  const boxes = cy.nodes(':visible').map((n) => n.boundingBox({ includeLabels: true, includeOverlays: false }));
  let overlaps = 0;
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) overlaps++;
    }
  return overlaps;
}

// ------------------------------------------------------------------------------ keyboard navigation
const DIRECTIONS: Record<string, [number, number]> = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1] };

/** The visible node nearest to `from` in the arrow's direction (within 60 degrees of it), or null. */
export function neighbourInDirection(from: NodeSingular, key: string): NodeSingular | null {
  const dir = DIRECTIONS[key];
  if (!dir) return null;
  const p = from.position();
  let best: NodeSingular | null = null;
  let bestScore = Infinity;
  cy.nodes(':visible').forEach((n) => {
    if (n.same(from)) return;
    const q = n.position();
    const dx = q.x - p.x;
    const dy = q.y - p.y;
    const along = dx * dir[0] + dy * dir[1];
    const across = Math.abs(dx * dir[1] - dy * dir[0]);
    if (along <= 0 || across > along * 1.75) return;
    const score = along + 2 * across;
    if (score < bestScore) {
      bestScore = score;
      best = n;
    }
  });
  return best;
}

/** Keeps a node in sight after keyboard movement. */
export function reveal(node: NodeSingular): void {
  const p = node.renderedPosition();
  if (p.x < 20 || p.y < 20 || p.x > cy.width() - 20 || p.y > cy.height() - 20) cy.center(node);
}

// ---------------------------------------------------------------------------------------- tooltip
export function attachTooltip(): void {
  const tip = byId('tooltip');
  cy.on('mouseover', 'node, edge', (e) => {
    const t = e.target;
    tip.textContent = t.isNode() ? `${t.data('name')} (${kindLabel(t.data('kind'))})` : `${nameOf(t.data('source'))} ${t.data('type')} ${nameOf(t.data('target'))}${t.data('basis') === 'INFERRED' ? ' (inferred)' : ''}`;
    const p = e.renderedPosition ?? t.renderedMidpoint?.() ?? { x: 0, y: 0 };
    tip.style.left = `${Math.min(p.x + 12, cy.width() - 220)}px`;
    tip.style.top = `${p.y + 12}px`;
    tip.hidden = false;
  });
  cy.on('mouseout', 'node, edge', () => (tip.hidden = true));
  cy.on('pan zoom', () => (tip.hidden = true));
}
