/**
 * mulberry32: a small, well-known seeded pseudo-random generator (32-bit state, uniform in [0, 1)).
 * Not for secrets: for repeatable randomness, the same sequence for the same seed on every run and in
 * every runtime. Shared by the explorer's layouts (bundled by esbuild), the benchmark's generator and
 * the fuzz test; it imports nothing, so the browser bundle can take it as it is.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
