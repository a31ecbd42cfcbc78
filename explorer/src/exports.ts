/**
 * Downloads of the current view: PNG (Cytoscape's renderer), SVG and GraphML (built as XML documents, so
 * every name is escaped by the serializer), JSON (relations keep their stored from/to), and a saved-view
 * file that the "Open view" button reads back.
 */
import { cy } from './graph.js';
import { serializeView, type ViewState } from './state.js';

function download(name: string, blob: Blob): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

const baseName = (v: ViewState) => `commit-${v.mode}-${(v.focus ?? 'graph').replace(/[^a-z0-9-]+/gi, '-')}`;

export function exportPng(v: ViewState): void {
  download(`${baseName(v)}.png`, cy.png({ output: 'blob', full: true, bg: '#ffffff', scale: 2 }) as unknown as Blob);
}

export function viewJson(v: ViewState) {
  return {
    mode: v.mode,
    focus: v.focus,
    to: v.to,
    nodes: cy.nodes(':visible').map((n) => ({ id: n.id(), kind: n.data('kind'), name: n.data('name') })),
    relations: cy.edges(':visible').map((e) => ({ id: e.id(), type: e.data('type'), from: e.source().id(), to: e.target().id() })),
  };
}

export function exportJson(v: ViewState): void {
  download(`${baseName(v)}.json`, new Blob([JSON.stringify(viewJson(v), null, 2)], { type: 'application/json' }));
}

export function exportSvg(v: ViewState): void {
  const NS = 'http://www.w3.org/2000/svg';
  const doc = document.implementation.createDocument(NS, 'svg', null);
  const root = doc.documentElement;
  const bb = cy.elements(':visible').boundingBox({});
  const pad = 20;
  root.setAttribute('viewBox', `${bb.x1 - pad} ${bb.y1 - pad} ${bb.w + 2 * pad} ${bb.h + 2 * pad}`);
  root.setAttribute('width', String(Math.round(bb.w + 2 * pad)));
  root.setAttribute('height', String(Math.round(bb.h + 2 * pad)));
  const el = (tag: string, attrs: Record<string, string | number>, text?: string) => {
    const e = doc.createElementNS(NS, tag);
    for (const [k, val] of Object.entries(attrs)) e.setAttribute(k, String(val));
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const defs = el('defs', {});
  const marker = el('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 6, markerHeight: 6, orient: 'auto-start-reverse' });
  marker.append(el('path', { d: 'M 0 0 L 10 5 L 0 10 z', fill: '#9aa4ab' }));
  defs.append(marker);
  root.append(defs);
  cy.edges(':visible').forEach((e) => {
    const a = e.sourceEndpoint();
    const b = e.targetEndpoint();
    root.append(el('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: '#9aa4ab', 'stroke-width': 1.4, 'marker-end': 'url(#arrow)' }));
    const m = e.midpoint();
    root.append(el('text', { x: m.x, y: m.y, 'font-size': 8, 'text-anchor': 'middle', fill: '#4a545b', 'font-family': 'sans-serif' }, e.data('type')));
  });
  cy.nodes(':visible').forEach((n) => {
    const p = n.position();
    root.append(el('circle', { cx: p.x, cy: p.y, r: n.width() / 2, fill: n.data('color'), stroke: '#555' }));
    root.append(el('text', { x: p.x, y: p.y + n.height() / 2 + 12, 'font-size': 11, 'text-anchor': 'middle', 'font-family': 'sans-serif' }, n.data('label')));
  });
  download(`${baseName(v)}.svg`, new Blob([new XMLSerializer().serializeToString(doc)], { type: 'image/svg+xml' }));
}

export function exportGraphMl(v: ViewState): void {
  const NS = 'http://graphml.graphdrawing.org/xmlns';
  const doc = document.implementation.createDocument(NS, 'graphml', null);
  const root = doc.documentElement;
  const el = (tag: string, attrs: Record<string, string>, text?: string) => {
    const e = doc.createElementNS(NS, tag);
    for (const [k, val] of Object.entries(attrs)) e.setAttribute(k, val);
    if (text !== undefined) e.textContent = text;
    return e;
  };
  root.append(el('key', { id: 'kind', for: 'node', 'attr.name': 'kind', 'attr.type': 'string' }), el('key', { id: 'name', for: 'node', 'attr.name': 'name', 'attr.type': 'string' }), el('key', { id: 'type', for: 'edge', 'attr.name': 'type', 'attr.type': 'string' }));
  const graph = el('graph', { id: baseName(v), edgedefault: 'directed' });
  cy.nodes(':visible').forEach((n) => {
    const node = el('node', { id: n.id() });
    node.append(el('data', { key: 'kind' }, n.data('kind')), el('data', { key: 'name' }, n.data('name')));
    graph.append(node);
  });
  cy.edges(':visible').forEach((e) => {
    const edge = el('edge', { id: e.id(), source: e.source().id(), target: e.target().id() });
    edge.append(el('data', { key: 'type' }, e.data('type')));
    graph.append(edge);
  });
  root.append(graph);
  download(`${baseName(v)}.graphml`, new Blob([`<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(doc)}`], { type: 'application/graphml+xml' }));
}

export function saveView(v: ViewState): void {
  const file = { format: 'commit-explorer-view', version: 1, view: { url: serializeView(v), state: v } };
  download(`${baseName(v)}.view.json`, new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }));
}
