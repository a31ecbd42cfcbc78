/**
 * The explorer in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core) against the
 * real server and database. Asserts on what Cytoscape drew and on the panels; saves a screenshot of each
 * mode in test-artifacts/.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type App } from '../../src/server.js';
import { testApollo, testExecutor } from '../support/graph.js';

const artifacts = path.resolve('test-artifacts');
const executor = testExecutor();
let app: App;
let base: string;
let browser: Browser;
let page: Page;

async function api(query: string): Promise<any> {
  const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return (await res.json()).data;
}

const count = (selector: 'nodes' | 'edges', filter = '') => page.evaluate(([s, f]) => (window as any).__cy[s as string](f as string).length, [selector, filter] as const);

async function canvasPoint(id: string): Promise<{ x: number; y: number }> {
  const box = (await page.locator('#cy').boundingBox())!;
  const p = await page.evaluate((nodeId) => (window as any).__cy.getElementById(nodeId).renderedPosition(), id);
  return { x: box.x + p.x, y: box.y + p.y };
}

async function pick(input: string, text: string, option: string): Promise<void> {
  await page.fill(input, text);
  const list = input === '#search-input' ? '#suggestions' : '#path-suggestions';
  await page.locator(`${list} li`, { hasText: option }).first().waitFor();
  await page.locator(`${list} li`, { hasText: option }).first().dispatchEvent('mousedown');
}


/** Waits until the locator's text matches (Playwright's own web-first assertions live in @playwright/test, not installed). */
async function textOf(locator: Locator, pattern: RegExp | string, timeout = 10_000): Promise<string> {
  const deadline = Date.now() + timeout;
  let text = '';
  while (Date.now() < deadline) {
    text = (await locator.first().textContent().catch(() => '')) ?? '';
    if (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text)) return text;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`expected ${locator} to have text ${pattern}; it has "${text}"`);
}

async function countOf(locator: Locator, n: number, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline && (await locator.count()) !== n) await new Promise((r) => setTimeout(r, 100));
  expect(await locator.count()).toBe(n);
}

beforeAll(async () => {
  execFileSync('node', ['scripts/build-explorer.mjs'], { stdio: 'ignore' });
  fs.mkdirSync(artifacts, { recursive: true });
  app = await testApollo(executor);
  base = `http://127.0.0.1:${await listen(app.httpServer, 0, '127.0.0.1')}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await app?.apollo.stop();
  await executor.close();
});

describe('graph explorer at /explore', () => {
  it('searches "SPA II" with suggestions and draws its neighbourhood', async () => {
    await page.goto(`${base}/explore`);
    await textOf(page.locator('#status'), /Search for an entity/);
    await pick('#search-input', 'SPA II', 'Second Sub-regional Plan of Action');
    await page.locator('#status', { hasText: 'Double-click a node' }).waitFor();
    const expected = (await api('{ neighbourhood(id: "instrument:spa-2", hops: 1, limit: 150) { nodes { id } relations { id } } }')).neighbourhood;
    expect(await count('nodes')).toBe(expected.nodes.length);
    expect(await count('edges')).toBe(expected.relations.length);
    expect(page.url()).toContain('focus=instrument%3Aspa-2');
    expect(await page.locator('#kind-legend li').count()).toBe(20);
    await page.screenshot({ path: path.join(artifacts, 'explore-spa-ii.png') });
  });

  it('expands a node on double-click', async () => {
    const before = await count('nodes');
    const union = await api('{ a: neighbourhood(id: "instrument:spa-2") { nodes { id } } b: neighbourhood(id: "instrument:spa-1") { nodes { id } } }');
    const expected = new Set([...union.a.nodes, ...union.b.nodes].map((n: any) => n.id)).size;
    const p = await canvasPoint('instrument:spa-1');
    await page.mouse.dblclick(p.x, p.y);
    await page.locator('#status', { hasText: 'Expanded instrument:spa-1' }).waitFor();
    expect(before).toBeLessThan(expected);
    expect(await count('nodes')).toBe(expected);
    await page.screenshot({ path: path.join(artifacts, 'explore-expanded.png') });
  });

  it('opens a node\'s sources with the quote highlighted in context', async () => {
    const p = await canvasPoint('meeting:imm-2');
    await page.mouse.click(p.x, p.y);
    await textOf(page.locator('#details-title'), 'Second Inter-Ministerial Meeting');
    const mark = page.locator('#details-sources mark').first();
    await textOf(mark, /This was agreed upon by the Ministers of the six COMMIT governments/);
    await textOf(page.locator('#details'), 'December 2007');
    await textOf(page.locator('#details'), 'month');
    await page.screenshot({ path: path.join(artifacts, 'details-sources.png') });
  });

  it('filters by node kind from the legend', async () => {
    const countries = await count('nodes', '[kind = "Country"]');
    expect(countries).toBeGreaterThan(0);
    await page.uncheck('#k-Country');
    expect(await count('nodes', '.hidden')).toBe(countries);
    await page.check('#k-Country');
    expect(await count('nodes', '.hidden')).toBe(0);
  });

  it('shows lineage left to right by time', async () => {
    await page.click('[data-mode="lineage"]');
    await page.locator('#status', { hasText: 'Lineage of' }).waitFor();
    const lineage = (await api('{ lineage(id: "instrument:spa-2", direction: BOTH, depth: 10) { nodes { id } steps { depth } } }')).lineage;
    expect(await count('nodes')).toBe(lineage.nodes.length);
    expect(await count('edges')).toBe(lineage.steps.length);
    const x = (id: string) => page.evaluate((n) => (window as any).__cy.getElementById(n).position('x'), id);
    expect(await x('instrument:spa-1')).toBeLessThan(await x('instrument:spa-2'));
    expect(await x('instrument:spa-2')).toBeLessThan(await x('instrument:spa-3'));
    expect(page.url()).toContain('mode=lineage');
    await page.screenshot({ path: path.join(artifacts, 'lineage-spa-ii.png') });
  });

  it('highlights the path between two entities, each hop with its source', async () => {
    await page.click('[data-mode="explore"]');
    await pick('#search-input', 'Article 31', 'Article 31 of the COMMIT MoU');
    await page.locator('#status', { hasText: 'Double-click' }).waitFor();
    await page.click('[data-mode="path"]');
    await pick('#path-to-input', 'IMM 2', 'Second Inter-Ministerial Meeting');
    await page.locator('#status', { hasText: 'shortest path' }).waitFor();
    expect(await count('nodes', '.path')).toBe(3);
    expect(await count('edges', '.path')).toBe(2);
    await countOf(page.locator('#path-hops > li'), 2);
    await textOf(page.locator('#path-hops > li').first(), /^Article 31 of the COMMIT MoU/);
    await textOf(page.locator('#path-hops > li').nth(1), /Second Inter-Ministerial Meeting/);
    const highlighted = await page.evaluate(() => (window as any).__cy.nodes('.path').map((n: any) => n.id()));
    expect(highlighted).toEqual(expect.arrayContaining(['instrument:mou-2004/article-31', 'meeting:imm-2']));
    expect(await page.locator('#path-hops mark').first().isVisible()).toBe(true);
    expect(page.url()).toMatch(/mode=path.*to=meeting%3Aimm-2/);
    await page.screenshot({ path: path.join(artifacts, 'path-article-31-imm-2.png') });
  });

  it('restores the view from a shared URL and exports PNG and JSON', async () => {
    const shared = page.url();
    const other = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await other.goto(shared);
    await other.locator('#status', { hasText: 'shortest path' }).waitFor();
    expect(await other.evaluate(() => (window as any).__cy.nodes('.path').length)).toBe(3);
    await other.close();

    const [json] = await Promise.all([page.waitForEvent('download'), page.click('#json-button')]);
    const view = JSON.parse(fs.readFileSync((await json.path())!, 'utf8'));
    expect(view.mode).toBe('path');
    expect(view.nodes.length).toBe(await count('nodes', ':visible'));
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('#png-button')]);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    const bytes = fs.readFileSync((await png.path())!);
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  });

  it('draws the timeline and filters the graph by a selected range', async () => {
    await page.goto(`${base}/explore?mode=explore&focus=instrument%3Aspa-2`);
    await page.locator('#status', { hasText: 'Double-click' }).waitFor();
    const total = (await api('{ timeline(first: 100) { totalCount } }')).timeline.totalCount;
    await countOf(page.locator('#timeline rect.event'), total);
    await page.goto(`${base}/explore?mode=explore&focus=instrument%3Aspa-2&range=2011-01-01..2013-12-31`);
    await page.locator('#status', { hasText: 'Double-click' }).waitFor();
    await textOf(page.locator('#timeline-range'), '2011-01-01');
    await page.waitForFunction(() => (window as any).__cy.nodes('.faded').length > 0);
    const faded = await page.evaluate(() => (window as any).__cy.nodes('.faded').map((n: any) => n.id()));
    expect(faded).toContain('instrument:spa-1');
    expect(faded).not.toContain('instrument:spa-3');
    await page.screenshot({ path: path.join(artifacts, 'timeline-filter.png') });
  });

  it('says so in a banner when the database is down, instead of a blank page', async () => {
    const down = await browser.newPage();
    await down.route('**/health', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: '{"status":"unavailable","database":{"reachable":false}}' }));
    await down.route('**/graphql', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ errors: [{ message: 'The graph database is unavailable; try again shortly.', extensions: { code: 'DATABASE_UNAVAILABLE' } }] }) }),
    );
    await down.goto(`${base}/explore?focus=instrument%3Aspa-2`);
    expect(await down.locator('#banner').isVisible()).toBe(true);
    await textOf(down.locator('#banner'), 'database is unavailable');
    await textOf(down.locator('#status'), 'DATABASE_UNAVAILABLE');
    await down.screenshot({ path: path.join(artifacts, 'database-down.png') });
    await down.close();
  });

  it('works on a narrow screen with the keyboard', async () => {
    const narrow = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await narrow.goto(`${base}/explore`);
    await narrow.keyboard.press('Tab');
    expect(await narrow.locator('#search-input').evaluate((el) => el === document.activeElement)).toBe(true);
    await narrow.keyboard.type('UN-ACT');
    await narrow.locator('#suggestions li').first().waitFor();
    await narrow.keyboard.press('ArrowDown');
    await narrow.keyboard.press('Enter');
    await narrow.locator('#status', { hasText: 'Double-click' }).waitFor();
    expect(await narrow.evaluate(() => (window as any).__cy.nodes().length)).toBeGreaterThan(1);
    const box = (await narrow.locator('#cy').boundingBox())!;
    expect(box.width).toBeGreaterThan(300);
    expect(box.height).toBeGreaterThan(200);
    await narrow.screenshot({ path: path.join(artifacts, 'narrow-screen.png'), fullPage: true });
    await narrow.close();
  });
});
