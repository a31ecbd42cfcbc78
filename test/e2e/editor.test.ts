/**
 * The query editor at GET /graphql in headless Chromium (Debian's /usr/bin/chromium via playwright-core):
 * it loads with no request leaving this server (a machine without internet gets a working editor), has
 * the examples as tabs, knows the schema from /schema.graphql even with introspection off (production),
 * and runs a query. /schema.graphql is the SDL the server runs.
 */
import { execFileSync } from 'node:child_process';
import { buildSchema, printSchema } from 'graphql';
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildASTSchema } from 'graphql';
import { typeDefs } from '../../src/graphql/schema.js';
import { createApp, listen, type App } from '../../src/server.js';
import { testConfig, testExecutor } from '../support/graph.js';
import { launch } from './support.js';

const executor = testExecutor();
let app: App;
let base: string;
let browser: Browser;

beforeAll(async () => {
  execFileSync('node', ['scripts/build-editor.mjs'], { stdio: 'ignore' });
  app = await createApp(testConfig({ production: true }), executor);
  base = `http://127.0.0.1:${await listen(app.httpServer, 0, '127.0.0.1')}`;
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await app?.apollo.stop();
  await executor.close();
});

describe('query editor at /graphql and the SDL at /schema.graphql', () => {
  it('publishes the SDL the server runs, even in production where introspection is off', async () => {
    const res = await fetch(`${base}/schema.graphql`);
    expect(res.status).toBe(200);
    const sdl = await res.text();
    expect(printSchema(buildSchema(sdl))).toBe(printSchema(buildASTSchema(typeDefs)));
    const introspection = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }) });
    expect((await introspection.json()).errors[0].message).toMatch(/introspection/i);
  });

  it('serves the editor compressed and cached, and a GET query still reaches the API', async () => {
    const page = await fetch(`${base}/graphql`, { headers: { accept: 'text/html', 'accept-encoding': 'br, gzip' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const js = await fetch(`${base}/graphql-editor/app.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(js.headers.get('content-encoding')).toBe('gzip');
    expect(js.headers.get('cache-control')).toMatch(/max-age=\d+/);
    expect(fs.statSync('public/graphql-editor/app.js.gz').size).toBeLessThan(fs.statSync('public/graphql-editor/app.js').size / 2);
    const query = await fetch(`${base}/graphql?query=${encodeURIComponent('{ node(id: "place:hanoi") { name } }')}`, { headers: { accept: 'application/json', 'apollo-require-preflight': '1' } });
    expect((await query.json()).data.node.name).toBe('Hanoi');
  });

  it('loads with the examples as tabs, no request leaving the server, and runs a query', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const foreign: string[] = [];
    const consoleErrors: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(base) && !r.url().startsWith('data:')) foreign.push(r.url());
    });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await page.goto(`${base}/graphql`);
    await page.locator('.graphiql-tab').first().waitFor({ timeout: 20_000 });
    const examples = fs.readdirSync('examples').filter((f) => f.endsWith('.graphql'));
    expect(await page.locator('.graphiql-tab').count()).toBe(examples.length);

    await page.locator('.graphiql-tab').first().click();
    await page.locator('.graphiql-execute-button').click();
    const result = page.locator('.result-window');
    const deadline = Date.now() + 15_000;
    let text = '';
    while (Date.now() < deadline && !/"data"/.test(text)) {
      text = (await result.textContent()) ?? '';
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(text).toMatch(/"data"/);
    fs.mkdirSync('test-artifacts', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/editor.png' });
    expect(text).not.toMatch(/INTERNAL_SERVER_ERROR/);
    expect(foreign).toEqual([]);
    expect(consoleErrors.filter((e) => !/favicon/.test(e))).toEqual([]);
    await page.close();
  });
});
