/** The fair per-client concurrency limit: a flooding client waits behind itself; others get the next slot. */
import http from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { perClientConcurrency } from '../../src/http/rate-limit.js';
import { until } from '../support/poll.js';

let server: http.Server;
let url: string;
let fairUrl: string;
let running = 0;
let peak = new Map<string, number>();

beforeAll(async () => {
  const app = express();
  const limit = perClientConcurrency({ slots: 3, perClient: 2, queue: 3, maxWaitMs: 700 }, (req) => String(req.headers['x-client']));
  const shared = perClientConcurrency({ slots: 2, perClient: 2, queue: 10, maxWaitMs: 5000 }, (req) => String(req.headers['x-client']));
  const slow = async (req: express.Request, res: express.Response) => {
    const client = String(req.headers['x-client']);
    running += 1;
    peak.set(client, Math.max(peak.get(client) ?? 0, running));
    await new Promise((r) => setTimeout(r, Number(req.query.ms ?? 150)));
    running -= 1;
    res.json({ ok: true });
  };
  app.get('/slow', limit, slow);
  app.get('/fair', shared, slow);
  server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/slow`;
  fairUrl = url.replace('/slow', '/fair');
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const call = async (client: string, ms = 150, target = url) => {
  const started = Date.now();
  const res = await fetch(`${target}?ms=${ms}`, { headers: { 'x-client': client } });
  return { status: res.status, ms: Date.now() - started, body: await res.json(), retryAfter: res.headers.get('retry-after') };
};

describe('perClientConcurrency', () => {
  it('queues a flooding client behind itself and refuses it beyond its queue with 429 RATE_LIMITED', async () => {
    peak = new Map();
    const flood = await Promise.all(Array.from({ length: 8 }, () => call('flooder')));
    expect(flood.filter((r) => r.status === 200)).toHaveLength(5);
    const refused = flood.filter((r) => r.status === 429);
    expect(refused).toHaveLength(3);
    expect(refused[0]!.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(refused[0]!.retryAfter).toBe('1');
  });

  it('serves another client at once while one floods', async () => {
    const flood = Promise.all(Array.from({ length: 5 }, () => call('flooder', 400)));
    // The flooder holds its two slots before the other client asks.
    await until(() => running, (n) => n >= 2, 2000, 5);
    const other = await call('other', 10);
    expect(other.status).toBe(200);
    expect(other.ms).toBeLessThan(250);
    await flood;
  });

  it('gives the next free slot to a waiting client with fewer requests running, ahead of the flooder\'s queue', async () => {
    const flood = Promise.all(Array.from({ length: 6 }, () => call('flooder', 250, fairUrl)));
    // Both shared slots are the flooder's before the other client asks.
    await until(() => running, (n) => n >= 2, 2000, 5);
    const other = await call('other', 10, fairUrl);
    expect(other.status).toBe(200);
    // It waited for one flood request to finish (about 250 ms), not for the four queued before it (750 ms more).
    expect(other.ms).toBeLessThan(480);
    expect((await flood).every((r) => r.status === 200)).toBe(true);
  });

  it('refuses a request that waited longer than maxWaitMs', async () => {
    const results = await Promise.all([call('slowpoke', 900), call('slowpoke', 900), call('slowpoke', 10)]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 429]);
  });
});
