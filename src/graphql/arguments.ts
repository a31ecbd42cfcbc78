/**
 * Argument checks shared by root fields. Each failure is a BAD_USER_INPUT naming the argument.
 * Cursors are opaque base64 offsets: stable because every list has a total, deterministic order.
 */
import { badInput, echo } from '../errors.js';
import { parsePartialDate } from '../model/dates.js';

export const MAX_PAGE_SIZE = 100;

export function intInRange(argument: string, value: number | null | undefined, min: number, max: number, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min || v > max) throw badInput(argument, `must be an integer from ${min} to ${max}; got ${v}.`);
  return v;
}

export function pageSize(first: number | null | undefined, fallback = 20): number {
  return intInRange('first', first, 1, MAX_PAGE_SIZE, fallback);
}

export function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`, 'utf8').toString('base64url');
}

/** The offset to start at, from an `after` cursor. */
export function decodeAfter(after: string | null | undefined): number {
  if (after === null || after === undefined) return 0;
  const text = Buffer.from(after, 'base64url').toString('utf8');
  const match = /^offset:(\d{1,9})$/.exec(text);
  if (!match) throw badInput('after', 'is not a cursor this API issued.');
  return Number(match[1]) + 1;
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

/** Builds a Relay connection from one page of items starting at `offset`. */
export function connectionOf<T>(items: T[], offset: number, total: number): Page<T> {
  const edges = items.map((node, i) => ({ cursor: encodeCursor(offset + i), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: offset + items.length < total,
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: total,
  };
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
