/**
 * Fair per-client concurrency for /graphql. At most `slots` requests run at once in all, and at most
 * `perClient` for one client (its API key's name, else its address). A request that cannot start waits
 * in its client's own FIFO queue; when a slot frees, it goes to the waiting client with the fewest
 * requests running (max-min fairness), so a client flooding expensive queries waits behind itself while
 * every other client's next request starts at the next free slot. Beyond `queue` waiting, or after
 * `maxWaitMs`, a request is refused with HTTP 429 and RATE_LIMITED. Contract: never throws; a slot is
 * always given back when its response closes (sent, failed or abandoned).
 *
 * A concurrency limit rather than a request-rate limit: what starves others is many slow queries at
 * once, which a rate limit lets through as long as they are sent slowly enough. Hand code because the
 * well-kept Express limiters (express-rate-limit, rate-limiter-flexible) count requests per time window
 * and keep no queue of in-flight work per client.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ConcurrencyLimits } from '../config.js';
import { ErrorCode } from '../errors.js';
import { logger } from '../logger.js';
import { sendJson } from './send-json.js';


interface Waiter {
  seq: number;
  start: () => void;
  timer: NodeJS.Timeout;
}

interface ClientState {
  active: number;
  waiting: Waiter[];
}

function refuse(res: ServerResponse, why: string, retryAfterSeconds: number): void {
  if (res.headersSent || res.destroyed) return;
  res.setHeader('retry-after', String(retryAfterSeconds));
  sendJson(res, 429, { errors: [{ message: `Too many requests from this client at once: ${why}. Wait for your earlier requests to finish, then retry.`, extensions: { code: ErrorCode.RateLimited } }] });
}

/** Connect-style middleware (Node's own request and response); `clientOf` names the client a request belongs to. */
export function perClientConcurrency(limits: ConcurrencyLimits, clientOf: (req: IncomingMessage) => string) {
  const clients = new Map<string, ClientState>();
  let running = 0;
  let seq = 0;

  const forget = (key: string, state: ClientState) => {
    if (state.active === 0 && state.waiting.length === 0) clients.delete(key);
  };

  /** Starts waiting requests while slots are free: each time the one of the client with the fewest running. */
  const dispatch = () => {
    while (running < limits.slots) {
      let best: [string, ClientState] | undefined;
      for (const entry of clients) {
        const [, s] = entry;
        const head = s.waiting[0];
        if (!head || s.active >= limits.perClient) continue;
        const b = best?.[1];
        if (!b || s.active < b.active || (s.active === b.active && head.seq < b.waiting[0]!.seq)) best = entry;
      }
      if (!best) return;
      const waiter = best[1].waiting.shift()!;
      clearTimeout(waiter.timer);
      waiter.start();
    }
  };

  const handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    if (limits.slots === 0) return next();
    const key = clientOf(req);
    let state = clients.get(key);
    if (!state) {
      state = { active: 0, waiting: [] };
      clients.set(key, state);
    }
    const s = state;
    const start = () => {
      running += 1;
      s.active += 1;
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        running -= 1;
        s.active -= 1;
        forget(key, s);
        dispatch();
      };
      // 'close' fires when the response is sent or the client went away: the slot is free either way.
      res.once('close', release);
      if (req.destroyed || res.writableEnded) return release();
      next();
    };
    if (s.waiting.length === 0 && running < limits.slots && s.active < limits.perClient) return start();
    if (s.waiting.length >= limits.queue) {
      logger.warn({ client: key, running: s.active, waiting: s.waiting.length }, 'client over its concurrency limit');
      return refuse(res, `${s.active} requests running and ${s.waiting.length} waiting`, 1);
    }
    const waiter: Waiter = {
      seq: (seq += 1),
      start,
      timer: setTimeout(() => {
        const i = s.waiting.indexOf(waiter);
        if (i >= 0) s.waiting.splice(i, 1);
        forget(key, s);
        refuse(res, `waited ${limits.maxWaitMs} ms for a free slot`, Math.ceil(limits.maxWaitMs / 1000));
      }, limits.maxWaitMs),
    };
    s.waiting.push(waiter);
  };
  return Object.assign(handler, { running: () => running });
}
