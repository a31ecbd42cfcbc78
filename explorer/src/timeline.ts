/**
 * The timeline strip: every dated event, and a date range that filters the graph. A range is whole
 * years, chosen by dragging across the strip (the band follows the pointer) or typed in the two year
 * fields. Entities dated outside the range leave the graph; undated ones stay, faded, since no date
 * says whether they belong.
 */
import { request } from './api.js';
import { byId, fill, s } from './dom.js';
import { ExplorerTimelineDocument, type ExplorerTimelineQuery } from './generated.js';
import { cy } from './graph.js';
import { kindStyle } from './style.js';

type Event = ExplorerTimelineQuery['timeline']['edges'][number]['node'];
let events: Event[] = [];
const datesBySubject = new Map<string, { start: string; end: string }[]>();

export interface TimelineActions {
  setRange(range: [string, string] | null): void;
  open(id: string): void;
}

const svg = () => byId('timeline') as unknown as SVGSVGElement;

export async function loadTimeline(): Promise<void> {
  const data = await request(ExplorerTimelineDocument, {});
  events = data.timeline.edges.map((e) => e.node);
  for (const e of events) {
    const list = datesBySubject.get(e.subject.id) ?? [];
    list.push({ start: e.date.start, end: e.date.end });
    datesBySubject.set(e.subject.id, list);
  }
}

function scale(width: number) {
  const firstYear = Math.min(...events.map((e) => Number(e.date.start.slice(0, 4))));
  const lastYear = Math.max(...events.map((e) => Number(e.date.end.slice(0, 4))));
  const min = Date.UTC(firstYear, 0, 1);
  const max = Date.UTC(lastYear + 1, 0, 1);
  const x = (iso: string) => 10 + ((Date.parse(iso) - min) / (max - min)) * (width - 20);
  /** The year a pixel falls in. */
  const year = (px: number) => new Date(min + ((Math.max(10, Math.min(width - 10, px)) - 10) / (width - 20)) * (max - min)).getUTCFullYear();
  return { x, year, firstYear, lastYear };
}

export const yearRange = (a: number, b: number): [string, string] => [`${Math.min(a, b)}-01-01`, `${Math.max(a, b)}-12-31`];

export function drawTimeline(range: [string, string] | null, band: [string, string] | null = null): void {
  const el = svg();
  if (events.length === 0) return;
  const width = el.clientWidth || 800;
  const { x, firstYear, lastYear } = scale(width);
  const ticks = [];
  for (let y = firstYear; y <= lastYear + 1; y++) {
    const px = x(`${y}-01-01`);
    ticks.push(s('line', { x1: px, x2: px, y1: 50, y2: 56, stroke: '#767676' }));
    if (y <= lastYear) ticks.push(s('text', { x: x(`${y}-07-01`), y: 67, 'font-size': 9, 'text-anchor': 'middle', fill: '#4a545b', class: 'tick' }, String(y)));
  }
  const rows = new Map<string, number>();
  const bars = events.map((e, i) => {
    const row = rows.get(e.subject.id) ?? rows.size % 4;
    rows.set(e.subject.id, row);
    const x1 = x(e.date.start);
    const x2 = Math.max(x(e.date.end), x1 + 3);
    return s('rect', { class: 'event', 'data-index': i, x: x1, y: 6 + row * 11, width: x2 - x1, height: 8, rx: 2, fill: kindStyle(e.subject.kind).color, stroke: '#555', 'stroke-width': 0.5 }, s('title', {}, `${e.title} — ${e.date.text}`));
  });
  const shown = band ?? range;
  const selection = shown ? s('rect', { id: 'timeline-selection', x: x(shown[0]), y: 0, width: Math.max(2, x(shown[1]) - x(shown[0])), height: 52, fill: '#0b5cad', opacity: 0.15 }) : null;
  fill(el, s('line', { x1: 10, x2: width - 10, y1: 50, y2: 50, stroke: '#767676' }), ...ticks, selection, ...bars);
}

export function attachTimeline(actions: TimelineActions): void {
  const el = svg();
  let start: number | null = null;
  el.addEventListener('pointerdown', (e) => {
    start = e.offsetX;
    el.setPointerCapture(e.pointerId);
  });
  el.addEventListener('pointermove', (e) => {
    if (start === null || Math.abs(e.offsetX - start) < 4) return;
    const { year } = scale(el.clientWidth || 800);
    drawTimeline(null, yearRange(year(start), year(e.offsetX)));
  });
  el.addEventListener('pointerup', (e) => {
    if (start === null) return;
    const from = start;
    start = null;
    if (Math.abs(e.offsetX - from) < 4) {
      const target = (e.target as Element).closest('.event') as SVGElement | null;
      const ev = target ? events[Number(target.dataset.index)] : undefined;
      if (ev) actions.open(ev.subject.id);
      return;
    }
    const { year } = scale(el.clientWidth || 800);
    actions.setRange(yearRange(year(from), year(e.offsetX)));
  });
  const fromInput = byId<HTMLInputElement>('range-from');
  const toInput = byId<HTMLInputElement>('range-to');
  const isYear = (n: number) => Number.isInteger(n) && n >= 1000 && n <= 9999;
  const typed = () => {
    const a = Number(fromInput.value);
    const b = Number(toInput.value);
    if (isYear(a) && isYear(b)) actions.setRange(yearRange(a, b));
  };
  fromInput.addEventListener('change', typed);
  toInput.addEventListener('change', typed);
  byId('timeline-clear').onclick = () => actions.setRange(null);
}

/**
 * Shows the range in the controls and filters the graph by it; the view's own entity (`keep`) stays,
 * faded, as the anchor of what is left. Returns how many entities the range removed.
 */
export function applyRange(range: [string, string] | null, keep: string | null = null): number {
  byId('timeline-clear').hidden = !range;
  for (const [id, value] of [['range-from', range?.[0]], ['range-to', range?.[1]]] as const) {
    const input = byId<HTMLInputElement>(id);
    if (document.activeElement !== input) input.value = value ? value.slice(0, 4) : '';
  }
  let removed = 0;
  let undated = 0;
  cy.batch(() => {
    cy.elements().removeClass('faded out-of-range');
    if (!range) return;
    const [from, to] = range;
    cy.nodes().forEach((n) => {
      const dates = datesBySubject.get(n.id());
      if (!dates || n.id() === keep) {
        n.addClass('faded');
        undated++;
      } else if (!dates.some((d) => d.end >= from && d.start <= to)) {
        n.addClass('out-of-range');
        removed++;
      }
    });
    cy.edges().forEach((e) => {
      if (e.source().hasClass('faded') || e.target().hasClass('faded')) e.addClass('faded');
    });
  });
  byId('timeline-range').textContent = range
    ? `${range[0].slice(0, 4)}–${range[1].slice(0, 4)}: ${removed} dated outside left the graph; ${undated} undated shown faded.`
    : 'Drag across the strip, or type years, to filter the graph by date.';
  return removed;
}

export const timelineReady = () => events.length > 0;
