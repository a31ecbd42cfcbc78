/**
 * Records refused requests (a bad or revoked credential, a missing key, the wrong role) as (:Refusal)
 * nodes an admin reads through the `refusals` query, and as a warn-level log line. Recording never
 * delays or fails the refused request: it runs in the background and a failure is only logged. A
 * client that keeps being refused is recorded at most `perMinute` times a minute, so a flood of bad
 * keys cannot turn into a flood of writes.
 */
import crypto from 'node:crypto';
import type { Executor } from '../db/executor.js';
import { logger } from '../logger.js';

export interface Refusal {
  /** Key name when the key is valid (wrong role), `anonymous`, or `unknown key <hash prefix>`. */
  actor: string;
  /** The client's address (or key) as the concurrency limit names it. */
  client: string;
  /** UNAUTHENTICATED or FORBIDDEN. */
  code: string;
  /** Operation name and root fields asked for, when known. */
  operation: string | null;
  requestId: string;
}

/** A stored refusal, as the `refusals` query lists it (codegen's mapper for Refusal). */
export interface RefusalRow {
  id: string;
  at: string;
  actor: string;
  client: string;
  code: string;
  operation: string | null;
  requestId: string | null;
}

/** How a presented but unknown token is named in the record: never the token itself. */
export const unknownKeyName = (token: string) => `unknown key ${crypto.createHash('sha256').update(token).digest('hex').slice(0, 12)}`;

export class RefusalLog {
  private window = 0;
  private counts = new Map<string, number>();

  constructor(
    private readonly executor: Executor,
    private readonly perMinute = 30,
  ) {}

  record(refusal: Refusal): void {
    logger.warn({ ...refusal }, 'request refused');
    const minute = Math.floor(Date.now() / 60_000);
    if (minute !== this.window) {
      this.window = minute;
      this.counts.clear();
    }
    const n = (this.counts.get(refusal.client) ?? 0) + 1;
    this.counts.set(refusal.client, n);
    if (n > this.perMinute) return;
    const operation = refusal.operation && refusal.operation.length > 300 ? `${refusal.operation.slice(0, 300)}…` : refusal.operation;
    void this.executor
      .write('curation/record-refusal', (tx) => tx.run('queries/curation/record-refusal', { ...refusal, operation, id: crypto.randomUUID(), at: new Date().toISOString() }))
      .catch((err: unknown) => logger.warn({ reason: err instanceof Error ? err.message.slice(0, 200) : 'unknown' }, 'could not record a refused request'));
  }

  async list(skip: number, limit: number): Promise<{ total: number; refusals: RefusalRow[] }> {
    const [row] = await this.executor.read('queries/curation/list-refusals', { skip, limit });
    return { total: Number(row?.total ?? 0), refusals: (row?.refusals ?? []) as RefusalRow[] };
  }
}
