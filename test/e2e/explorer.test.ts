/**
 * The explorer in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core) against the
 * real server and the suite's curated database, as its users work: the landing lineage, search, expand,
 * details of nodes and relations, path, timeline, shared links, Back/Undo, keyboard only, a phone-sized
 * screen, axe-core scans. Screenshots of each mode go to test-artifacts/.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type App } from '../../src/server.js';
import { testApollo, testExecutor } from '../support/graph.js';
import { axeViolations, canvasPoint, cyCount, launch, pick, rendered, renders, tap, textOf, until } from './support.js';

const artifacts = path.resolve('test-artifacts');
const executor = testExecutor();
let app: App;
let base: string;
let browser: Browser;
let page: Page;
const consoleMessages: string[] = [];
const failedRequests: string[] = [];

/** The data of an operation; TData is the shape of the selection the caller asked for. */
async function api<TData>(query: string, variables: Record<string, unknown> = {}): Promise<TData> {
  const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return ((await res.json()) as { data: TData }).data;
}

async function open(p: Page, query: string): Promise<void> {
  await p.goto(`${base}/explore${query}`);
  await rendered(p);
}

const shot = (p: Page, name: string) => p.screenshot({ path: path.join(artifacts, `${name}.png`) });
const x = (id: string) => page.evaluate((n) => window.__cy.getElementById(n).position('x') as number, id);

beforeAll(async () => {
  execFileSync('node', ['scripts/build-explorer.mjs'], { stdio: 'ignore' });
  fs.mkdirSync(artifacts, { recursive: true });
  app = await testApollo(executor);
  base = `http://127.0.0.1:${await listen(app.httpServer, 0, '127.0.0.1')}`;
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('console', (m) => (m.type() === 'warning' || m.type() === 'error') && consoleMessages.push(`${m.type()}: ${m.text()}`));
  page.on('response', (r) => r.status() >= 400 && failedRequests.push(`${r.status()} ${r.url()}`));
});

afterAll(async () => {
  await browser?.close();
  await app?.apollo.stop();
  await executor.close();
});

describe('landing view and lineage', () => {
  it('landing view is the lineage from the MoU to SPA III with its articles and adopting meetings', async () => {
    await open(page, '');
    await textOf(page.locator('#status'), 'Lineage of Third Sub-regional Plan of Action');
    expect(page.url()).toContain('mode=lineage');
    const ids = await page.evaluate(() => window.__cy.nodes().map((n) => n.id()));
    expect(ids).toEqual(expect.arrayContaining(['instrument:mou-2004', 'instrument:spa-1', 'instrument:spa-2', 'instrument:spa-3', 'instrument:mou-2004/article-31', 'meeting:imm-2', 'meeting:imm-1']));
    // Articles are drawn as parts of the MoU (through their section).
    const partOf = await page.evaluate(() => window.__cy.edges('[type = "PART_OF"]').map((e) => `${e.source().id()}>${e.target().id()}`));
    expect(partOf).toEqual(expect.arrayContaining(['instrument:mou-2004/article-31>instrument:mou-2004/section-v', 'instrument:mou-2004/section-v>instrument:mou-2004']));
    await shot(page, 'lineage-landing');
  });

  it('lineage reads right: each edge keeps its relation direction, older things sit left, and the JSON export keeps from/to', async () => {
    const lineage = (await api<{ lineage: { steps: { relation: string; from: { id: string }; to: { id: string } }[] } }>('{ lineage(id: "instrument:spa-3", direction: BOTH, depth: 10) { steps { relation from { id } to { id } } } }')).lineage;
    const drawn: string[] = await page.evaluate(() => window.__cy.edges().map((e) => `${e.source().id()} ${e.data('type')} ${e.target().id()}`));
    for (const s of lineage.steps) expect(drawn).toContain(`${s.from.id} ${s.relation} ${s.to.id}`);
    expect(drawn).toContain('instrument:spa-3 SUCCEEDS instrument:spa-2');
    expect(drawn).not.toContain('instrument:spa-2 SUCCEEDS instrument:spa-3');
    // Older on the left: the MoU, then Article 31, then SPA I, II, III.
    expect(await x('instrument:mou-2004')).toBeLessThan(await x('instrument:mou-2004/article-31'));
    expect(await x('instrument:mou-2004/article-31')).toBeLessThan(await x('instrument:spa-2'));
    expect(await x('instrument:spa-1')).toBeLessThan(await x('instrument:spa-2'));
    expect(await x('instrument:spa-2')).toBeLessThan(await x('instrument:spa-3'));
    await textOf(page.locator('#lineage-steps li').first(), /^Third Sub-regional Plan of Action (BASED_ON|SUCCEEDS)/);
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('#json-button')]);
    const view = JSON.parse(fs.readFileSync((await json.path())!, 'utf8'));
    expect(view.relations).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'SUCCEEDS', from: 'instrument:spa-3', to: 'instrument:spa-2' })]));
  });
});

describe('explore: search, expand, details', () => {
  it('search ranks exact name and alias matches first ("SPA 3" finds SPA III before PPC 3)', async () => {
    await page.fill('#search-input', 'SPA 3');
    await page.locator('#suggestions li').first().waitFor();
    await textOf(page.locator('#suggestions li').first(), 'Third Sub-regional Plan of Action');
    await page.fill('#search-input', 'UN-ACT');
    await textOf(page.locator('#suggestions li').first(), 'United Nations Action for Cooperation against Trafficking');
    await page.keyboard.press('Escape');
  });

  it('draws the neighbourhood of SPA II picked from the suggestions', async () => {
    const before = await renders(page);
    await page.click('[data-mode="explore"]');
    await rendered(page, before);
    const next = await renders(page);
    await pick(page, '#search-input', 'SPA II', 'Second Sub-regional Plan of Action');
    await rendered(page, next);
    const expected = (await api<{ neighbourhood: { nodes: { id: string }[]; relations: { id: string }[] } }>('{ neighbourhood(id: "instrument:spa-2", hops: 1, limit: 150) { nodes { id } relations { id } } }')).neighbourhood;
    expect(await cyCount(page, 'nodes')).toBe(expected.nodes.length);
    expect(await cyCount(page, 'edges')).toBe(expected.relations.length);
    expect(page.url()).toContain('focus=instrument%3Aspa-2');
    await shot(page, 'explore-spa-ii');
  });

  it('relation details open from a click on an edge (a request within the cost limit), with the quote', async () => {
    const graphqlErrors: string[] = [];
    const listener = async (r: Response) => {
      if (r.url().endsWith('/graphql') && r.status() >= 400) graphqlErrors.push(`${r.status()}`);
    };
    page.on('response', listener);
    const edge = 'rel:adopted-at/instrument.spa-2/meeting.imm-2';
    const p = await canvasPoint(page, edge);
    await page.mouse.click(p.x, p.y);
    await textOf(page.locator('#details-title'), /Second Sub-regional Plan of Action ADOPTED_AT Second Inter-Ministerial Meeting/);
    await textOf(page.locator('#details-sources mark').first(), /agreed upon by the Ministers of the six COMMIT governments/);
    await textOf(page.locator('#details dl'), 'Ministerial');
    expect(page.url()).toContain(`select=${encodeURIComponent(edge)}`);
    page.off('response', listener);
    expect(graphqlErrors).toEqual([]);
    await shot(page, 'relation-details');
  });

  it('opens a node\'s sources with the quote highlighted in context and its date precision', async () => {
    const p = await canvasPoint(page, 'meeting:imm-2');
    await page.mouse.click(p.x, p.y);
    await textOf(page.locator('#details-title'), 'Second Inter-Ministerial Meeting');
    await textOf(page.locator('#details-sources mark').first(), /This was agreed upon by the Ministers of the six COMMIT governments/);
    await textOf(page.locator('#details'), 'December 2007');
    await textOf(page.locator('#details'), 'month');
  });

  it('expands a node on double-click and refits so every node stays on screen', async () => {
    const union = await api<Record<'a' | 'b', { nodes: { id: string }[] }>>('{ a: neighbourhood(id: "instrument:spa-2") { nodes { id } } b: neighbourhood(id: "instrument:spa-1") { nodes { id } } }');
    const expected = new Set([...union.a.nodes, ...union.b.nodes].map((n) => n.id)).size;
    const before = await renders(page);
    const p = await canvasPoint(page, 'instrument:spa-1');
    await page.mouse.dblclick(p.x, p.y);
    await rendered(page, before);
    await textOf(page.locator('#status'), 'Expanded First Sub-regional Plan of Action');
    expect(await cyCount(page, 'nodes')).toBe(expected);
    const offscreen = await page.evaluate(() => {
      const cy = window.__cy;
      return cy.nodes(':visible').filter((n) => {
        const p = n.renderedPosition();
        return p.x < 0 || p.y < 0 || p.x > cy.width() || p.y > cy.height();
      }).length;
    });
    expect(offscreen).toBe(0);
    expect(page.url()).toContain('expand=instrument%3Aspa-1');
  });

  it('expands by one relation type from the details panel, with counts', async () => {
    const before = await renders(page);
    // Selected the way a tap does (after the expansion another node's label may lie over SPA II).
    await tap(page, 'instrument:spa-2');
    await textOf(page.locator('#details-title'), 'Second Sub-regional Plan of Action');
    const button = page.locator('[data-expand-type="ADOPTED_BY"]');
    await textOf(button, 'ADOPTED_BY (6)');
    const b2 = await renders(page);
    await button.click();
    await rendered(page, Math.max(before, b2));
    expect(new URL(page.url()).searchParams.get('expand')).toBe('instrument:spa-1,instrument:spa-2~ADOPTED_BY');
  });

  it('filters by node kind from the legend, with counts, and hides one node', async () => {
    const countries = await cyCount(page, 'nodes', '[kind = "COUNTRY"]');
    expect(countries).toBeGreaterThan(0);
    await textOf(page.locator('label[for="k-COUNTRY"]'), `Country (${countries})`);
    let before = await renders(page);
    await page.uncheck('#k-COUNTRY');
    await rendered(page, before);
    expect(await cyCount(page, 'nodes', '.hidden')).toBe(countries);
    before = await renders(page);
    await page.check('#k-COUNTRY');
    await rendered(page, before);
    expect(await cyCount(page, 'nodes', '.hidden')).toBe(0);
    before = await renders(page);
    const p = await canvasPoint(page, 'meeting:imm-2');
    await page.mouse.click(p.x, p.y);
    await page.locator('#details-hide').waitFor();
    await page.click('#details-hide');
    await rendered(page, before);
    expect(await cyCount(page, 'nodes', ':visible[id = "meeting:imm-2"]')).toBe(0);
    expect(page.url()).toContain('hide=meeting%3Aimm-2');
    await page.screenshot({ path: path.join(artifacts, 'explore-expanded.png') });
  });
});

describe('shared views, Back and Undo', () => {
  it('a shared URL restores the same view: expansions, filters, hidden nodes, selection and positions', async () => {
    const shared = page.url();
    const snapshot = (p: Page) =>
      p.evaluate(() => {
        const cy = window.__cy;
        return {
          visible: cy.nodes(':visible').map((n) => n.id()).sort(),
          selected: cy.$(':selected').map((n) => n.id()),
          positions: Object.fromEntries(cy.nodes().map((n) => [n.id(), [Math.round(n.position('x')), Math.round(n.position('y'))]])),
        };
      });
    const mine = await snapshot(page);
    const other = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await other.goto(shared);
    await until(() => snapshot(other), (s) => s.visible.length === mine.visible.length, 30_000);
    await rendered(other);
    const theirs = await snapshot(other);
    expect(theirs.visible).toEqual(mine.visible);
    expect(theirs.selected).toEqual(mine.selected);
    const moved = Object.keys(mine.positions).filter((id) => JSON.stringify(mine.positions[id]) !== JSON.stringify(theirs.positions[id]));
    expect(moved).toEqual([]);
    await other.close();
  });

  it('Back and Undo return to the view before; Redo goes forward again; Back never leaves the app', async () => {
    const hidden = page.url();
    let before = await renders(page);
    await page.click('#undo-button');
    await rendered(page, before);
    expect(page.url()).not.toContain('hide=');
    expect(await cyCount(page, 'nodes', ':visible[id = "meeting:imm-2"]')).toBe(1);
    before = await renders(page);
    await page.click('#redo-button');
    await rendered(page, before);
    expect(page.url()).toBe(hidden);
    before = await renders(page);
    await page.goBack();
    await rendered(page, before);
    expect(page.url()).toContain('/explore');
    expect(page.url()).not.toContain('hide=');
  });
});

describe('placing nodes', () => {
  it('a node the user dragged stays where it was dropped through later expansions, and a shared URL keeps it there', async () => {
    await open(page, '?mode=explore&focus=instrument%3Aspa-2&layout=cose');
    const start = await canvasPoint(page, 'instrument:spa-1');
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x - 60, start.y + 40, { steps: 8 });
    await page.mouse.up();
    await until(async () => page.url(), (u) => u.includes('pin='));
    const dropped = await page.evaluate(() => window.__state.pinned['instrument:spa-1'] as [number, number]);
    expect(dropped).toBeDefined();
    const before = await renders(page);
    const p = await canvasPoint(page, 'instrument:spa-3');
    await page.mouse.dblclick(p.x, p.y);
    await rendered(page, before);
    // Within a pixel: the URL keeps whole pixels, and the layout settles after the render on a busy machine.
    const near = (q: { x: number; y: number }) => Math.abs(q.x - dropped[0]) <= 1 && Math.abs(q.y - dropped[1]) <= 1;
    const pos = () => page.evaluate(() => window.__cy.getElementById('instrument:spa-1').position() as { x: number; y: number });
    expect(await until(pos, near)).toSatisfy(near);
    const other = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await open(other, new URL(page.url()).search);
    const shared = () => other.evaluate(() => window.__cy.getElementById('instrument:spa-1').position() as { x: number; y: number });
    expect(await until(shared, near)).toSatisfy(near);
    await other.close();
  });
});

describe('multi-selection', () => {
  it('shift-click selects several entities, and the selection bar hides or expands them all', async () => {
    await open(page, '?mode=explore&focus=instrument%3Aspa-2&layout=cose');
    expect(await page.locator('#selection-actions').isVisible()).toBe(false);
    await page.keyboard.down('Shift');
    for (const id of ['country:thailand', 'country:china', 'country:myanmar']) {
      const p = await canvasPoint(page, id);
      await page.mouse.click(p.x, p.y);
      await page.waitForTimeout(600); // apart enough not to count as a double click
    }
    await page.keyboard.up('Shift');
    await textOf(page.locator('#selection-count'), '3 entities selected');
    const before = await renders(page);
    await page.click('#selection-hide');
    await rendered(page, before);
    expect(new URL(page.url()).searchParams.get('hide')?.split(',').sort()).toEqual(['country:china', 'country:myanmar', 'country:thailand']);
    expect(await cyCount(page, 'nodes', '[kind = "COUNTRY"]:visible')).toBe(3);
    // The bar goes once the hidden entities leave the selection (after the render, on a loaded machine).
    expect(await until(() => page.locator('#selection-actions').isVisible(), (visible) => !visible)).toBe(false);
  });
});

describe('path mode', () => {
  it('path mode keeps node sizes, does not blow up small results, and each hop shows its source', async () => {
    await open(page, '?mode=explore&focus=instrument%3Amou-2004%2Farticle-31');
    let before = await renders(page);
    await page.click('[data-mode="path"]');
    await rendered(page, before);
    before = await renders(page);
    await pick(page, '#path-to-input', 'IMM 2', 'Second Inter-Ministerial Meeting');
    await rendered(page, before);
    await textOf(page.locator('#status'), 'shortest path');
    expect(await cyCount(page, 'nodes', '.path')).toBe(3);
    expect(await cyCount(page, 'edges', '.path')).toBe(2);
    const sizes = await page.evaluate(() => window.__cy.nodes('.path').map((n) => n.width()));
    for (const w of sizes) expect(w).toBeGreaterThanOrEqual(24);
    expect(await page.evaluate(() => window.__cy.zoom())).toBeLessThanOrEqual(1.25);
    expect(await page.locator('#path-hops > li').count()).toBe(2);
    await textOf(page.locator('#path-hops'), 'Second Sub-regional Plan of Action DEVELOPED_UNDER Article 31 of the COMMIT MoU');
    expect(await page.locator('#path-hops mark').first().isVisible()).toBe(true);
    expect(page.url()).toMatch(/mode=path.*to=meeting%3Aimm-2/);
    await shot(page, 'path-article-31-imm-2');
  });

  it('a shared path link opens with both entity boxes filled', async () => {
    const other = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await open(other, new URL(page.url()).search);
    await textOf(other.locator('#status'), 'shortest path');
    expect(await other.inputValue('#search-input')).toBe('Article 31 of the COMMIT MoU');
    expect(await other.inputValue('#path-to-input')).toBe('Second Inter-Ministerial Meeting');
    await other.close();
  });

  it('exports the view as PNG, SVG, GraphML, and a saved view that opens again', async () => {
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('#png-button')]);
    expect(fs.readFileSync((await png.path())!).subarray(1, 4).toString()).toBe('PNG');
    const [svg] = await Promise.all([page.waitForEvent('download'), page.click('#svg-button')]);
    const svgText = fs.readFileSync((await svg.path())!, 'utf8');
    expect(svgText).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect((svgText.match(/<circle/g) ?? []).length).toBe(await cyCount(page, 'nodes', ':visible'));
    const [graphml] = await Promise.all([page.waitForEvent('download'), page.click('#graphml-button')]);
    const gm = fs.readFileSync((await graphml.path())!, 'utf8');
    expect(gm).toContain('source="instrument:spa-2" target="instrument:mou-2004/article-31"');
    const [saved] = await Promise.all([page.waitForEvent('download'), page.click('#save-view-button')]);
    const file = (await saved.path())!;
    const other = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await open(other, '?mode=explore&focus=country%3Athailand');
    const before = await renders(other);
    await other.setInputFiles('#open-view-input', { name: 'view.json', mimeType: 'application/json', buffer: fs.readFileSync(file) });
    await rendered(other, before);
    await textOf(other.locator('#status'), 'shortest path');
    expect(other.url()).toMatch(/to=meeting%3Aimm-2/);
    await other.close();
  });
});

describe('timeline', () => {
  it('filters the graph by whole years: entities dated outside leave the graph, undated ones fade', async () => {
    await open(page, '?mode=explore&focus=instrument%3Aspa-2&layout=cose');
    const total = (await api<{ timeline: { totalCount: number } }>('{ timeline(first: 100) { totalCount } }')).timeline.totalCount;
    expect(await page.locator('#timeline rect.event').count()).toBe(total);
    expect(await page.locator('#timeline text.tick', { hasText: '2004' }).count()).toBe(1);
    await open(page, '?mode=explore&focus=instrument%3Aspa-2&layout=cose&range=2011-01-01..2013-12-31');
    await textOf(page.locator('#timeline-range'), '2011–2013');
    const out = await page.evaluate(() => window.__cy.nodes('.out-of-range').map((n) => n.id()));
    expect(out).toContain('instrument:spa-1');
    expect(out).not.toContain('instrument:spa-3');
    expect(await cyCount(page, 'nodes', ':visible[id = "instrument:spa-1"]')).toBe(0);
    const faded = await page.evaluate(() => window.__cy.nodes('.faded').map((n) => n.id()));
    expect(faded).toContain('country:thailand');
    await shot(page, 'timeline-filter');
  });

  it('a drag selects whole years (mid-2011 to late 2013 is 2011-01-01..2013-12-31) and shows the band while dragging', async () => {
    await open(page, '?mode=explore&focus=instrument%3Aspa-2&layout=cose');
    await page.locator('#timeline rect.event').first().waitFor();
    const box = (await page.locator('#timeline').boundingBox())!;
    // Year labels sit in the middle of their year.
    const pxOf = (year: string) => page.locator('#timeline text.tick', { hasText: year }).getAttribute('x').then(Number);
    const a = await pxOf('2011');
    const b = await pxOf('2013') + ((await pxOf('2013')) - (await pxOf('2012'))) * 0.4;
    await page.mouse.move(box.x + a, box.y + 30);
    await page.mouse.down();
    await page.mouse.move(box.x + (a + b) / 2, box.y + 30, { steps: 4 });
    expect(await page.locator('#timeline-selection').count()).toBe(1);
    const before = await renders(page);
    await page.mouse.move(box.x + b, box.y + 30, { steps: 2 });
    await page.mouse.up();
    await rendered(page, before);
    expect(page.url()).toContain('range=2011-01-01..2013-12-31');
  });

  it('the range can be typed: the year fields are keyboard-focusable', async () => {
    await page.focus('#range-from');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2005');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('range-to');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2007');
    const before = await renders(page);
    await page.keyboard.press('Tab');
    await rendered(page, before);
    expect(page.url()).toContain('range=2005-01-01..2007-12-31');
  });
});

describe('keyboard and screen readers', () => {
  it('keyboard only: search, pick, reach the graph in a few Tabs, move between nodes, open details, expand, lineage, path', async () => {
    const kb = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await open(kb, '?mode=explore&focus=country%3Athailand');
    await kb.focus('#search-input');
    await kb.keyboard.type('SPA II');
    await kb.locator('#suggestions li', { hasText: 'Second Sub-regional Plan of Action' }).first().waitFor();
    await kb.keyboard.press('ArrowDown');
    expect(await kb.getAttribute('#search-input', 'aria-activedescendant')).toBe('suggestions-0');
    let before = await renders(kb);
    await kb.keyboard.press('Enter');
    await rendered(kb, before);
    expect(kb.url()).toContain('focus=instrument%3Aspa-2');
    let tabs = 0;
    while (!(await kb.evaluate(() => document.activeElement?.id === 'cy')) && tabs < 20) {
      await kb.keyboard.press('Tab');
      tabs++;
    }
    expect(tabs).toBeLessThanOrEqual(5);
    await kb.keyboard.press('ArrowRight');
    const first = await until(() => kb.evaluate(() => window.__state.selected as string | null), (s) => s !== null);
    expect(first).toBe('instrument:spa-2');
    await textOf(kb.locator('#announce'), 'Second Sub-regional Plan of Action, Instrument');
    const visited = new Set([first]);
    for (const key of ['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp', 'ArrowRight']) {
      await kb.keyboard.press(key);
      visited.add(await kb.evaluate(() => window.__state.selected as string));
    }
    expect(visited.size).toBeGreaterThan(2);
    const target = await kb.evaluate(() => window.__state.selected as string);
    await kb.keyboard.press('Enter');
    await textOf(kb.locator('#details-title'), await kb.evaluate((id) => window.__cy.getElementById(id).data('name'), target));
    before = await renders(kb);
    await kb.keyboard.press('e');
    await rendered(kb, before);
    expect(kb.url()).toContain(`expand=${encodeURIComponent(target)}`);
    before = await renders(kb);
    await kb.keyboard.press('l');
    await rendered(kb, before);
    expect(kb.url()).toContain('mode=lineage');
    // Path by keyboard: the mode button, then the "to" box.
    await kb.focus('[data-mode="path"]');
    before = await renders(kb);
    await kb.keyboard.press('Enter');
    await rendered(kb, before);
    await kb.keyboard.press('Tab');
    expect(await kb.evaluate(() => document.activeElement?.id)).toBe('path-to-input');
    await kb.keyboard.type('IMM 1');
    await kb.locator('#path-suggestions li', { hasText: 'First COMMIT Inter-Ministerial Meeting' }).first().waitFor();
    before = await renders(kb);
    await kb.keyboard.press('Enter');
    await rendered(kb, before);
    await textOf(kb.locator('#status'), /shortest path|not connected/);
    await kb.close();
  });

  it('keyboard only: a relation\'s details open from the list of relations in an entity\'s details', async () => {
    const kb = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await open(kb, '?mode=explore&focus=instrument%3Aspa-2');
    await kb.focus('#cy');
    await kb.keyboard.press('ArrowRight');
    await kb.keyboard.press('Enter');
    await textOf(kb.locator('#details-title'), 'Second Sub-regional Plan of Action');
    await kb.locator('.relations-list summary').focus();
    await kb.keyboard.press('Enter');
    const button = kb.locator('[data-relation="rel:adopted-at/instrument.spa-2/meeting.imm-2"]');
    await button.focus();
    await kb.keyboard.press('Enter');
    await textOf(kb.locator('#details-title'), 'Second Sub-regional Plan of Action ADOPTED_AT Second Inter-Ministerial Meeting');
    await textOf(kb.locator('#details-sources mark'), /agreed upon by the Ministers/);
    await kb.close();
  });

  it('a slow answer about an entity never replaces the relation the user opened after asking for it', async () => {
    const p = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await open(p, '?mode=explore&focus=instrument%3Aspa-2');
    // The entity's details are held back for a second; the relation's answer is not.
    await p.evaluate(() => {
      const state = window as unknown as { __detailsAsked: number; __detailsAnswered: number };
      state.__detailsAsked = 0;
      state.__detailsAnswered = 0;
      const fetch = window.fetch.bind(window);
      window.fetch = async (input, init) => {
        if (!String(init?.body ?? '').includes('query ExplorerDetails')) return fetch(input, init);
        state.__detailsAsked += 1;
        await new Promise((r) => setTimeout(r, 1000));
        const response = await fetch(input, init);
        state.__detailsAnswered += 1;
        return response;
      };
    });
    const count = (name: '__detailsAsked' | '__detailsAnswered') => p.evaluate((n) => (window as unknown as Record<string, number>)[n]!, name);
    const edge = 'rel:adopted-at/instrument.spa-2/meeting.imm-2';
    expect(await cyCount(p, 'edges', `[id = "${edge}"]`)).toBe(1);
    // The arrow key selects SPA II and asks for its details; while that answer is on its way, a relation is opened.
    await p.focus('#cy');
    await p.keyboard.press('ArrowRight');
    expect(await until(() => count('__detailsAsked'), (n) => n >= 1)).toBe(1);
    await tap(p, edge);
    const title = 'Second Sub-regional Plan of Action ADOPTED_AT Second Inter-Ministerial Meeting';
    await textOf(p.locator('#details-title'), title);
    expect(await until(() => count('__detailsAnswered'), (n) => n >= 1)).toBe(1);
    await new Promise((r) => setTimeout(r, 300)); // time for the late answer to be drawn, were it drawn
    expect(await p.locator('#details-title').textContent()).toBe(title);
    await p.close();
  });

  it('two quick clicks on two different elements select the second, and do not expand it; two on one node do', async () => {
    const p = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await open(p, '?mode=explore&focus=instrument%3Aspa-2');
    const edge = await canvasPoint(p, 'rel:adopted-at/instrument.spa-2/meeting.imm-2');
    const node = await canvasPoint(p, 'instrument:spa-1');
    // Within Cytoscape's double-tap interval (250 ms): it reports these as a double tap on the node.
    await p.mouse.click(edge.x, edge.y);
    await p.mouse.click(node.x, node.y);
    await until(() => p.url(), (u) => u.includes('select=instrument%3Aspa-1'));
    await textOf(p.locator('#details-title'), 'First Sub-regional Plan of Action');
    expect(new URL(p.url()).searchParams.get('expand')).toBeNull();
    const before = await renders(p);
    await p.mouse.dblclick(node.x, node.y);
    await rendered(p, before);
    expect(new URL(p.url()).searchParams.get('expand')).toBe('instrument:spa-1');
    await p.close();
  });

  it('Enter typed before the suggestions arrive picks the first suggestion of the typed text, not a stale one', async () => {
    const kb = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await open(kb, '?mode=explore&focus=country%3Athailand');
    await kb.focus('#search-input');
    const before = await renders(kb);
    await kb.keyboard.type('UN-ACT', { delay: 30 });
    await kb.keyboard.press('Enter');
    await rendered(kb, before);
    expect(kb.url()).toContain('focus=org%3Aun-act');
    await kb.close();
  });

  it('axe-core finds no serious or critical violations in any mode', async () => {
    const modes = [
      ['lineage', ''],
      ['explore', '?mode=explore&focus=instrument%3Aspa-2&select=instrument%3Aspa-2'],
      ['relation', `?mode=explore&focus=instrument%3Aspa-2&select=${encodeURIComponent('rel:adopted-at/instrument.spa-2/meeting.imm-2')}`],
      ['path', '?mode=path&focus=instrument%3Amou-2004%2Farticle-31&to=meeting%3Aimm-2'],
      ['timeline', '?mode=explore&focus=instrument%3Aspa-2&range=2011-01-01..2013-12-31'],
    ];
    const found: Record<string, unknown> = {};
    for (const [name, query] of modes) {
      await open(page, query!);
      await page.waitForFunction(() => !document.querySelector('#details')?.textContent?.includes('Loading…'));
      if (name === 'explore') {
        await page.fill('#search-input', 'SPA');
        await page.locator('#suggestions li').first().waitFor();
        await page.keyboard.press('ArrowDown');
      }
      const v = await axeViolations(page);
      if (v.length) found[name!] = v;
      await page.keyboard.press('Escape');
    }
    const narrow = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await open(narrow, '');
    const v = await axeViolations(narrow);
    if (v.length) found.narrow = v;
    await narrow.close();
    expect(found).toEqual({});
  });
});

describe('layout and screens', () => {
  it('layout: no "to" box outside path mode, a one-line toolbar, the canvas gets most of the height, the status line covers no node', async () => {
    await open(page, '?mode=explore&focus=instrument%3Aspa-2');
    expect(await page.locator('#path-controls').isVisible()).toBe(false);
    const toolbar = (await page.locator('.toolbar').boundingBox())!;
    expect(toolbar.height).toBeLessThan(60);
    const canvas = (await page.locator('#cy').boundingBox())!;
    expect(canvas.height).toBeGreaterThan(900 * 0.6);
    const statusBox = (await page.locator('#status').boundingBox())!;
    expect(statusBox.y + statusBox.height).toBeLessThanOrEqual(canvas.y + 1);
    // The legend's length does not change the canvas height.
    const h1 = canvas.height;
    let before = await renders(page);
    await page.uncheck('#k-COUNTRY');
    await rendered(page, before);
    expect((await page.locator('#cy').boundingBox())!.height).toBe(h1);
    before = await renders(page);
    await page.click('[data-mode="path"]');
    await rendered(page, before);
    expect(await page.locator('#path-to-input').isVisible()).toBe(true);
  });

  it('390 px wide: no sideways scroll; search, suggestions and the export buttons fit', async () => {
    const narrow = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await open(narrow, '?mode=explore&focus=org%3Aun-act');
    await narrow.fill('#search-input', 'Article');
    await narrow.locator('#suggestions li').first().waitFor();
    expect(await narrow.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    for (const sel of ['#search-input', '#suggestions', '#json-button', '#graphml-button', '#cy']) {
      const box = (await narrow.locator(sel).boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    const box = (await narrow.locator('#cy').boundingBox())!;
    expect(box.height).toBeGreaterThan(300);
    await narrow.keyboard.press('Escape');
    await narrow.screenshot({ path: path.join(artifacts, 'narrow-screen.png'), fullPage: true });
    await narrow.close();
  });

  it('labels: few overlapping labels at 14 and at 60+ entities, and the same URL always gives the same positions', async () => {
    await open(page, '?mode=explore&focus=instrument%3Aspa-1&layout=cose');
    const small = { nodes: await cyCount(page, 'nodes'), overlaps: await page.evaluate(() => window.__labelOverlaps()) };
    const url = '?mode=explore&focus=instrument%3Aspa-2&layout=cose&expand=instrument%3Aspa-1,instrument%3Aspa-3,instrument%3Amou-2004,country%3Athailand,org%3Aun-act';
    await open(page, url);
    await page.waitForFunction(() => window.__cy.nodes().length >= 60, undefined, { timeout: 30_000 });
    await rendered(page);
    const big = { nodes: await cyCount(page, 'nodes'), overlaps: await page.evaluate(() => window.__labelOverlaps()) };
    await shot(page, 'explore-60-entities');
    const positions = () => page.evaluate(() => JSON.stringify(window.__cy.nodes().map((n) => [n.id(), Math.round(n.position('x')), Math.round(n.position('y'))])));
    const first = await positions();
    await page.reload();
    await page.waitForFunction(() => window.__cy.nodes().length >= 60, undefined, { timeout: 30_000 });
    await rendered(page);
    expect(await positions()).toBe(first);
    console.log(`label overlaps: ${small.overlaps} at ${small.nodes} entities, ${big.overlaps} at ${big.nodes}`);
    expect(small.overlaps).toBeLessThanOrEqual(1);
    expect(big.nodes).toBeGreaterThanOrEqual(60);
    expect(big.overlaps).toBeLessThanOrEqual(10);
  });
});

describe('serving', () => {
  it('serves the bundle compressed with a long cache, index.html uncached, a favicon, and no console warnings or failed requests', async () => {
    const html = await (await fetch(`${base}/explore`)).text();
    expect(html).not.toMatch(/innerHTML/);
    const src = /src="(\/explore\/app\.js\?v=[0-9a-f]+)"/.exec(html)![1]!;
    const index = await fetch(`${base}/explore`);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const res = await fetch(`${base}${src}`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(Number(res.headers.get('content-length'))).toBeLessThan(200_000);
    const gz = await fetch(`${base}${src}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    const icon = /href="(\/explore\/favicon\.svg\?v=[0-9a-f]+)"/.exec(html)![1]!;
    expect((await fetch(`${base}${icon}`)).status).toBe(200);
    expect(failedRequests).toEqual([]);
    expect(consoleMessages).toEqual([]);
  });

  it('says so in a banner when the database is down, instead of a blank page', async () => {
    const down = await browser.newPage();
    await down.route('**/health', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: '{"status":"unavailable","database":{"reachable":false}}' }));
    await down.route('**/graphql', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ errors: [{ message: 'The graph database is unavailable; try again shortly.', extensions: { code: 'DATABASE_UNAVAILABLE' } }] }) }),
    );
    await down.goto(`${base}/explore?focus=instrument%3Aspa-2`);
    await textOf(down.locator('#banner'), 'database is unavailable');
    await textOf(down.locator('#status'), 'DATABASE_UNAVAILABLE');
    await down.screenshot({ path: path.join(artifacts, 'database-down.png') });
    await down.close();
  });
});
