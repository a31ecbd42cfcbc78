/** Shared helpers of the browser tests: Debian's Chromium through playwright-core, axe-core injected from npm. */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type axe from 'axe-core';
import type { Core } from 'cytoscape';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ViewState } from '../../explorer/src/state.js';

declare global {
  /** What the explorer (explorer/src/main.ts), axe-core and the browser tests' own scripts put on window. */
  interface Window {
    __cy: Core;
    __state: ViewState;
    __labelOverlaps(): number;
    axe: typeof axe;
    /** Tag names of the elements the page's script added (explorer-hostile-data's watcher). */
    __added: string[];
    /** Set by hostile text if it ever runs as markup. */
    __pwned?: number;
    __frames: number[];
    __recording: boolean;
  }
}

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Waits until the page has finished a render after `before` renders (data-rendered on body). */
export async function rendered(page: Page, before = 0, timeout = 30_000): Promise<number> {
  await page.waitForFunction((n) => Number(document.body.dataset.rendered ?? 0) > n, before, { timeout });
  // The first render is followed by the one the timeline triggers when it has loaded; wait for that too.
  await page.waitForFunction(() => document.body.dataset.timeline === 'drawn' || document.getElementById('timeline-range')?.textContent?.includes('could not'), undefined, { timeout });
  await page.waitForFunction(() => document.querySelector('#status')?.textContent !== 'Loading…', undefined, { timeout });
  return Number(await page.evaluate(() => document.body.dataset.rendered));
}

export const renders = (page: Page) => page.evaluate(() => Number(document.body.dataset.rendered ?? 0));

/** Waits until the locator's text matches. */
export async function textOf(locator: Locator, pattern: RegExp | string, timeout = 15_000): Promise<string> {
  const deadline = Date.now() + timeout;
  let text = '';
  while (Date.now() < deadline) {
    text = (await locator.first().textContent().catch(() => '')) ?? '';
    if (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text)) return text;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`expected ${locator} to have text ${pattern}; it has "${text}"`);
}

export { until } from '../support/poll.js';

/** axe-core's serious and critical violations on the page as it is now. */
export async function axeViolations(page: Page): Promise<{ id: string; impact: axe.ImpactValue | undefined; nodes: string[] }[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export async function noAxeViolations(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
}

export const cyCount = (page: Page, selector: 'nodes' | 'edges', filter = '') =>
  page.evaluate(([s, f]) => (s === 'nodes' ? window.__cy.nodes(f) : window.__cy.edges(f)).length, [selector, filter] as const);

/**
 * Taps an element the way Cytoscape reports a click. Returns nothing on purpose: handing the element back
 * would make Playwright serialise the whole graph object, which takes seconds.
 */
export async function tap(page: Page, id: string): Promise<void> {
  await page.evaluate((elementId) => {
    window.__cy.getElementById(elementId).emit('tap');
  }, id);
}

export async function canvasPoint(page: Page, id: string): Promise<{ x: number; y: number }> {
  const box = (await page.locator('#cy').boundingBox())!;
  const p = await page.evaluate((nodeId) => {
    const el = window.__cy.getElementById(nodeId);
    return el.group() === 'edges' ? el.renderedMidpoint() : el.renderedPosition();
  }, id);
  return { x: box.x + p.x, y: box.y + p.y };
}

export async function pick(page: Page, input: string, text: string, option: string): Promise<void> {
  await page.fill(input, text);
  const list = input === '#search-input' ? '#suggestions' : '#path-suggestions';
  const item = page.locator(`${list} li`, { hasText: option }).first();
  await item.waitFor({ timeout: 15_000 });
  await item.dispatchEvent('mousedown');
}
