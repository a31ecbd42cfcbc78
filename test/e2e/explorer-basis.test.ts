/**
 * The explorer tells stated relations from the curator's inferences: inferred edges are drawn dotted (with a
 * legend entry), the relation list marks them, and an inferred relation's details give its basis, its
 * reasoning and its premises' quotes, all reached by keyboard alone. Headless Debian Chromium against the
 * real server and the suite's curated database.
 */
import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type App } from '../../src/server.js';
import { testApollo, testExecutor } from '../support/graph.js';
import { canvasPoint, launch, noAxeViolations, rendered, textOf } from './support.js';

const executor = testExecutor();
let app: App;
let base: string;
let browser: Browser;
let page: Page;

/** IMM 2 fulfils Article 31's meeting mandate: the curator's inference (data/commit-about.yaml). */
const INFERRED = 'rel:fulfilled-by/mandate.article-31/meeting/meeting.imm-2';

beforeAll(async () => {
  execFileSync('node', ['scripts/build-explorer.mjs'], { stdio: 'ignore' });
  app = await testApollo(executor);
  base = `http://127.0.0.1:${await listen(app.httpServer, 0, '127.0.0.1')}`;
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await app?.apollo.stop();
  await executor.close();
});

/** The data of an operation; TData is the shape of the selection the caller asked for. */
async function api<TData>(query: string): Promise<TData> {
  const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return ((await res.json()) as { data: TData }).data;
}

describe('stated and inferred relations in the explorer', () => {
  it('draws inferred edges dotted and stated ones solid, and the legend says which is which', async () => {
    await page.goto(`${base}/explore?mode=explore&focus=meeting%3Aimm-2`);
    await rendered(page);
    const edges: { id: string; basis: string | null; style: string }[] = await page.evaluate(() =>
      window.__cy.edges().map((e) => ({ id: e.id(), basis: e.data('basis'), style: e.style('line-style') })),
    );
    const inferred = edges.find((e) => e.id === INFERRED);
    expect(inferred).toEqual({ id: INFERRED, basis: 'INFERRED', style: 'dotted' });
    const stated = edges.filter((e) => e.basis === 'STATED');
    expect(stated.length).toBeGreaterThan(0);
    for (const e of stated) expect(e.style).toBe('solid');
    await textOf(page.locator('#edge-legend'), 'Inferred by the curator (dotted)');
    await textOf(page.locator('#edge-legend'), 'Stated by the source');
  });

  it('opens an inferred relation by keyboard: its basis, reasoning and premise quotes as text', async () => {
    const kb = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await kb.goto(`${base}/explore?mode=explore&focus=meeting%3Aimm-2`);
    await rendered(kb);
    await kb.focus('#cy');
    // The first arrow key selects the focused entity, Enter opens its details.
    await kb.keyboard.press('ArrowRight');
    expect(await kb.evaluate(() => window.__state.selected as string | null)).toBe('meeting:imm-2');
    await kb.keyboard.press('Enter');
    await textOf(kb.locator('#details-title'), 'Second Inter-Ministerial Meeting');
    // The relation list: reached with Tab from the details panel, opened with Enter.
    await kb.focus('#details');
    let tabs = 0;
    while (!(await kb.evaluate(() => document.activeElement?.tagName === 'SUMMARY')) && tabs < 40) {
      await kb.keyboard.press('Tab');
      tabs++;
    }
    expect(await kb.evaluate(() => document.activeElement?.textContent)).toMatch(/^Relations \(\d+\)$/);
    await kb.keyboard.press('Enter');
    const button = kb.locator(`[data-relation="${INFERRED}"]`);
    await textOf(button, /FULFILLED_BY Second Inter-Ministerial Meeting \(inferred\)$/);
    while (!(await kb.evaluate((id) => (document.activeElement as HTMLElement | null)?.dataset.relation === id, INFERRED)) && tabs < 120) {
      await kb.keyboard.press('Tab');
      tabs++;
    }
    await kb.keyboard.press('Enter');
    await textOf(kb.locator('#details-title'), /FULFILLED_BY Second Inter-Ministerial Meeting$/);
    await textOf(kb.locator('#details-basis'), /^Inferred: the curator concludes this/);

    const { node } = await api<{ node: { relations: { id: string; basis: string; reasoning: string; premises: { quote: string }[] }[] } }>(`{ node(id: "mandate:article-31/meeting") { relations(types: [FULFILLED_BY], direction: OUTGOING) { id basis reasoning premises { quote } } } }`);
    const rel = node.relations.find((r) => r.id === INFERRED)!;
    expect(rel.basis).toBe('INFERRED');
    expect(await textOf(kb.locator('#details-reasoning'), rel.reasoning)).toBe(rel.reasoning);
    expect(rel.reasoning).toMatch(/^Article 31 calls for adopting a new plan/);
    const marks = await kb.locator('#details-premises mark').allTextContents();
    expect(marks).toEqual(rel.premises.map((p) => p.quote));
    expect(marks.length).toBeGreaterThan(1);
    await textOf(kb.locator('#details h2').last(), `Premises (${marks.length})`);
    // Text, never markup: the panel holds no element the data could have made.
    expect(await kb.locator('#details script, #details img, #details iframe').count()).toBe(0);
    await noAxeViolations(kb);
    await kb.close();
  });

  it('a stated relation says so and lists its sources', async () => {
    await page.goto(`${base}/explore?mode=explore&focus=instrument%3Aspa-2`);
    await rendered(page);
    const p = await canvasPoint(page, 'rel:adopted-at/instrument.spa-2/meeting.imm-2');
    await page.mouse.click(p.x, p.y);
    await textOf(page.locator('#details-title'), 'Second Sub-regional Plan of Action ADOPTED_AT Second Inter-Ministerial Meeting');
    await textOf(page.locator('#details-basis'), 'Stated: the quoted passages say this.');
    expect(await page.locator('#details-reasoning, #details-premises').count()).toBe(0);
    await textOf(page.locator('#details-sources mark'), /agreed upon by the Ministers/);
  });
});
