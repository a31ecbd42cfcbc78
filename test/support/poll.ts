/** Waiting for a condition instead of sleeping for a fixed time. */

/** Probes until `ok` holds of the value (or `timeout` ms pass); returns the last value seen. */
export async function until<T>(probe: () => T | Promise<T>, ok: (value: T) => boolean, timeout = 15_000, interval = 100): Promise<T> {
  const deadline = Date.now() + timeout;
  let value = await probe();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, interval));
    value = await probe();
  }
  return value;
}

/** The HTTP status of GET `url`, or 0 when nothing answers. */
export const statusOf = (url: string) => fetch(url).then((r) => r.status, () => 0);
