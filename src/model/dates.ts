/**
 * Partial dates with their precision: "2004" (YEAR), "2004-10" (MONTH), "2004-10-15" (DAY).
 * A value covers a span: start is its first day, end its last, so ranges compare without inventing days.
 */
export type Precision = 'YEAR' | 'MONTH' | 'DAY';

export interface Span {
  start: string;
  end: string;
  precision: Precision;
}

const pattern = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export function parsePartialDate(value: string): Span | null {
  const m = pattern.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const month = m[2] ? Number(m[2]) : undefined;
  const day = m[3] ? Number(m[3]) : undefined;
  if (month !== undefined && (month < 1 || month > 12)) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (month === undefined) return { start: `${m[1]}-01-01`, end: `${m[1]}-12-31`, precision: 'YEAR' };
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day === undefined) return { start: `${m[1]}-${pad(month)}-01`, end: `${m[1]}-${pad(month)}-${pad(lastDay)}`, precision: 'MONTH' };
  if (day < 1 || day > lastDay) return null;
  const iso = `${m[1]}-${pad(month)}-${pad(day)}`;
  return { start: iso, end: iso, precision: 'DAY' };
}

/** A range "from".."to": precision is the coarser of the two ends. */
export function parseRange(from: string, to: string): Span | null {
  const a = parsePartialDate(from);
  const b = parsePartialDate(to);
  if (!a || !b || a.start > b.end) return null;
  const order: Precision[] = ['YEAR', 'MONTH', 'DAY'];
  const precision = order[Math.min(order.indexOf(a.precision), order.indexOf(b.precision))]!;
  return { start: a.start, end: b.end, precision };
}
