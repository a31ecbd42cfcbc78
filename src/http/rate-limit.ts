/**
 * Per-client concurrency limit for /graphql: each client (its API key's name, else its address) has at
 * most `perClient` requests in flight; the next ones wait in that client's own FIFO queue, and beyond
 * `queue` waiting, or after `maxWaitMs`, are refused with HTTP 429 and RATE_LIMITED. One client flooding
 * expensive queries therefore waits behind itself, while every other client keeps its own slots.
 *
 * A concurrency limit rather than a request-rate limit: what starves others is many slow queries at
 * once, which a rate limit lets through as long as they are sent slowly enough. Hand code because the
 * well-kept Express limiters (express-rate-limit, rate-limiter-flexible) count requests per time window
 * and have no queue of in-flight work per key.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ErrorCode } from '../errors.js';
import { logger } from '../logger.js';

export interface ConcurrencyLimits {
  /** Requests one client may have in flight; 0 turns the limit off. */
  perClient: number;
  /** Requests one client may have waiting beyond those. */
  queue: number;
  /** Longest a request waits for a slot before 429. */
  maxWaitMs: number;
}

interface Waiter {
  start: () => void;
  timer: NodeJS.Timeout;
}

interface ClientState {
  active: number;
  waiting: Waiter[];
}

export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): ConcurrencyLimits {
  const int = (name: string, fallback: number) => {
    const raw = env[name];
    const value = raw === undefined || raw === '' ? fallback : Number(raw);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer; got "${raw}".`);
    return value;
  };
  return { perClient: int('CLIENT_CONCURRENCY', 8), queue: int('CLIENT_QUEUE', 100), maxWaitMs: int('CLIENT_QUEUE_WAIT_MS', 10_000) };
}

function refuse(res: Response, why: string, retryAfterSeconds: number): void {
  if (res.headersSent) return;
  res.setHeader('retry-after', String(retryAfterSeconds));
  res.status(429).json({ errors: [{ message: `Too many requests from this client at once: ${why}. Wait for your earlier requests to finish, then retry.`, extensions: { code: ErrorCode.RateLimited } }] });
}

/** Express middleware; `clientOf` names the client a request belongs to. */
export function perClientConcurrency(limits: ConcurrencyLimits, clientOf: (req: Request) => string): RequestHandler & { inFlight(): number } {
  const clients = new Map<string, ClientState>();

  const release = (key: string, state: ClientState) => {
    state.active -= 1;
    const next = state.waiting.shift();
    if (next) {
      clearTimeout(next.timer);
      next.start();
    } else if (state.active === 0) clients.delete(key);
  };

  const handler = (req: Request, res: Response, next: NextFunction) => {
    if (limits.perClient === 0) return next();
    const key = clientOf(req);
    let state = clients.get(key);
    if (!state) {
      state = { active: 0, waiting: [] };
      clients.set(key, state);
    }
    const s = state;
    const start = () => {
      s.active += 1;
      let released = false;
      const done = () => {
        if (released) return;
        released = true;
        release(key, s);
      };
      // 'close' fires when the response is sent or the client went away: the slot is free either way.
      res.once('close', done);
      next();
    };
    if (s.active < limits.perClient) return start();
    if (s.waiting.length >= limits.queue) {
      logger.warn({ client: key, active: s.active, waiting: s.waiting.length }, 'client over its concurrency limit');
      return refuse(res, `${s.active} requests running and ${s.waiting.length} waiting`, 1);
    }
    const waiter: Waiter = {
      start: () => {
        if (req.destroyed || res.writableEnded) {
          // The client gave up while waiting: pass the slot on.
          s.active += 1;
          release(key, s);
          return;
        }
        start();
      },
      timer: setTimeout(() => {
        const i = s.waiting.indexOf(waiter);
        if (i >= 0) s.waiting.splice(i, 1);
        if (s.active === 0 && s.waiting.length === 0) clients.delete(key);
        refuse(res, `waited ${limits.maxWaitMs} ms for a free slot`, Math.ceil(limits.maxWaitMs / 1000));
      }, limits.maxWaitMs),
    };
    s.waiting.push(waiter);
  };
  return Object.assign(handler, { inFlight: () => [...clients.values()].reduce((a, s) => a + s.active, 0) });
}
