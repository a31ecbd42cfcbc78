import { describe, expect, it } from 'vitest';
import { ColdStatementGate } from '../../src/db/cold-start.js';

/** A statement run that records how many runs overlapped it (as compilations on the server would). */
function recorder() {
  let running = 0;
  let maxConcurrent = 0;
  let runs = 0;
  const work = (ms: number, fail = false) => async () => {
    runs += 1;
    running += 1;
    maxConcurrent = Math.max(maxConcurrent, running);
    await new Promise((r) => setTimeout(r, ms));
    running -= 1;
    if (fail) throw new Error('boom');
    return runs;
  };
  return { work, stats: () => ({ runs, maxConcurrent }) };
}

describe('cold statements after a database (re)start', () => {
  it('runs the first of concurrent cold calls alone, then the rest together', async () => {
    const gate = new ColdStatementGate();
    const { work, stats } = recorder();
    let firstDone = 0;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        gate.run('MATCH (n) RETURN n', async () => {
          const r = await work(20)();
          if (i === 0) firstDone = Date.now();
          return r;
        }),
      ),
    );
    expect(results).toHaveLength(10);
    expect(stats().runs).toBe(10);
    expect(firstDone).toBeGreaterThan(0);
    // The nine waiters started only after the first finished: at most nine ran at once, never ten.
    expect(stats().maxConcurrent).toBe(9);
  });

  it('does not gate a warm statement, and gates again after reset', async () => {
    const gate = new ColdStatementGate();
    const { work, stats } = recorder();
    await gate.run('q', work(5));
    await Promise.all(Array.from({ length: 5 }, () => gate.run('q', work(10))));
    expect(stats().maxConcurrent).toBe(5);
    gate.reset();
    const after = recorder();
    await Promise.all(Array.from({ length: 5 }, () => gate.run('q', after.work(10))));
    expect(after.stats().maxConcurrent).toBe(4);
  });

  it('passes the first run failure to its caller only; waiters run for themselves', async () => {
    const gate = new ColdStatementGate();
    const { work } = recorder();
    const first = gate.run('q', work(10, true));
    const second = gate.run('q', work(5));
    await expect(first).rejects.toThrow('boom');
    await expect(second).resolves.toBeTypeOf('number');
  });
});
