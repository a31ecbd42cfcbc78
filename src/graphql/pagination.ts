/**
 * Relay pagination of the list fields: page size, cursors and the connection built from one page.
 * Cursors are opaque base64url offsets (`offset:<n>`, the position of an edge): stable because every
 * list has a total and a deterministic order.
 */
import { badInput } from '../errors.js';
import { intInRange } from './arguments.js';

export const MAX_PAGE_SIZE = 100;

export function pageSize(first: number | null | undefined, fallback = 20): number {
  return intInRange('first', first, 1, MAX_PAGE_SIZE, fallback);
}

export function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`, 'utf8').toString('base64url');
}

/** The offset to start at, from an `after` cursor: the edge after the one it names. */
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
