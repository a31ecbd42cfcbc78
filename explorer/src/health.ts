/** The banner that says when the server or the database cannot be reached, from /health and from API errors. */
import { onAvailability } from './api.js';
import { byId } from './dom.js';

function banner(text: string | null): void {
  const el = byId('banner');
  el.textContent = text ?? '';
  el.hidden = text === null;
}

const DB_DOWN = 'The graph database is unavailable right now; the page will recover when it is back.';
onAvailability((error) => banner(error ? (error.code === 'NETWORK' ? 'The server cannot be reached. Retrying…' : DB_DOWN) : null));

export async function checkHealth(): Promise<void> {
  try {
    const res = await fetch('/health');
    if (res.status === 503) banner(DB_DOWN);
    else if (res.ok) banner(null);
  } catch {
    banner('The server cannot be reached. Retrying…');
  }
}

