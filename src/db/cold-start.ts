/**
 * Coalesces the first runs of each statement after the database (re)starts.
 *
 * Why: Neo4j plans a statement the first time it sees its text and caches the plan; concurrent misses
 * each plan it again. After a restart the cache is empty, so the first wave of N identical requests pays
 * N parallel compilations: measured with 20 clients on a loaded 2-core machine, the search statement took
 * 6.7 s per request in the first wave (EXPLAIN alone 1.7 s cold) and 0.3 s after, and past the query
 * timeout some requests failed with DATABASE_TIMEOUT (issue 13's flaky fault test). With the gate, the
 * first caller of a cold statement runs it and the others wait for it, then find the plan cached.
 *
 * Contract: `run` never changes what `work` returns or throws; `reset` is called when the database was
 * lost, since its plan cache went with it. The set of warm statements is bounded.
 */
export class ColdStatementGate {
  private readonly warm = new Set<string>();
  private readonly firstRuns = new Map<string, Promise<unknown>>();

  constructor(private readonly maxWarm = 5_000) {}

  async run<T>(text: string, work: () => Promise<T>): Promise<T> {
    if (this.warm.has(text)) return work();
    const first = this.firstRuns.get(text);
    if (first) {
      await first.catch(() => undefined);
      return work();
    }
    const run = work();
    this.firstRuns.set(text, run);
    try {
      const result = await run;
      if (this.warm.size >= this.maxWarm) this.warm.clear();
      this.warm.add(text);
      return result;
    } finally {
      this.firstRuns.delete(text);
    }
  }

  /** Forget every warm statement: the database restarted or was replaced, and its plans with it. */
  reset(): void {
    this.warm.clear();
  }
}
