/**
 * Relay pagination of the list fields: page size, cursors and the connection built from one page.
 * Cursors are opaque base64url offsets (`offset:<n>`, the position of an edge): stable because every
 * list has a total and a deterministic order. Connections read in Cypher page there with SKIP/LIMIT (see
 * pageRequest) and count their total only when `totalCount` is selected.
 */
import { getNamedType, type GraphQLResolveInfo } from 'graphql';
import { collectFields, subSelections } from '../planner/selection.js';
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

/**
 * One page of a connection read in Cypher with SKIP/LIMIT. The total is counted only when the operation
 * selects `totalCount` (counting evaluates every row; a page alone stops at its last row): without it,
 * one extra row says whether there is a next page (as `entities` does).
 */
export interface PageRequest {
  skip: number;
  /** The page size asked for. */
  limit: number;
  /** Rows to read: the page, plus one when the total is not counted. */
  fetch: number;
  /** Whether the total is counted (the operation selects `totalCount`). */
  total: boolean;
}

/** What a resolver's `info` gives to read its own selection. */
export type SelectionInfo = Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments' | 'schema' | 'variableValues' | 'returnType'>;

/**
 * Whether a field named `name` is selected directly under the field being resolved, read the way
 * graphql-js executes it (fragments, type conditions, `@skip`/`@include`: src/planner/selection.ts).
 */
export function selectsField(info: SelectionInfo, name: string): boolean {
  const scope = { schema: info.schema, fragments: info.fragments, variables: info.variableValues };
  const fields = collectFields(scope, getNamedType(info.returnType).name, subSelections(info.fieldNodes));
  return [...fields.values()].some((nodes) => nodes.some((n) => n.name.value === name));
}

export function pageRequest(args: { first?: number | null; after?: string | null }, info: SelectionInfo, fallback = 20): PageRequest {
  const limit = pageSize(args.first, fallback);
  const skip = decodeAfter(args.after);
  const total = selectsField(info, 'totalCount');
  return { skip, limit, fetch: total ? limit : limit + 1, total };
}

/** The connection of the rows read for `request`; `total` is the counted total, or null when not counted. */
export function pageOf<T>(rows: T[], request: PageRequest, total: number | null): Page<T> {
  return connectionOf(rows.slice(0, request.limit), request.skip, total ?? request.skip + rows.length);
}
