/** Argument checks shared by root fields. Each failure is a BAD_USER_INPUT naming the argument. */
import { badInput, echo } from '../errors.js';
import { parsePartialDate } from '../model/dates.js';

export function intInRange(argument: string, value: number | null | undefined, min: number, max: number, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min || v > max) throw badInput(argument, `must be an integer from ${min} to ${max}; got ${v}.`);
  return v;
}

const partialDate = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** A date bound as the first (start) or last (end) day it covers, for range filters. */
export function dateBound(argument: string, value: string | null | undefined, edge: 'start' | 'end'): string | null {
  if (value === null || value === undefined) return null;
  // The shape alone lets 2020-13-45 through: the date must exist.
  if (!partialDate.test(value) || !parsePartialDate(value)) throw badInput(argument, `must be a real date as YYYY, YYYY-MM or YYYY-MM-DD; got "${echo(value, 40)}".`);
  const [y, m, d] = value.split('-');
  if (edge === 'start') return `${y}-${m ?? '01'}-${d ?? '01'}`;
  if (d) return value;
  if (m) return `${y}-${m}-${String(new Date(Date.UTC(Number(y), Number(m), 0)).getUTCDate()).padStart(2, '0')}`;
  return `${y}-12-31`;
}

export function textArg(argument: string, value: string, min: number, max: number): string {
  const trimmed = value.trim();
  if (trimmed.length < min || trimmed.length > max) throw badInput(argument, `must be ${min} to ${max} characters.`);
  if (/\u0000/.test(trimmed)) throw badInput(argument, 'must not contain NUL characters.');
  return trimmed;
}
