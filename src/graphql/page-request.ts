/**
 * One page of a connection read in Cypher with SKIP/LIMIT. The total is counted only when the operation
 * selects `totalCount` (counting evaluates every row; a page alone stops at its last row): without it,
 * one extra row says whether there is a next page (as `entities` does).
 */
import type { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import { connectionOf, decodeAfter, pageSize, type Page } from './arguments.js';

export interface PageRequest {
  skip: number;
  /** The page size asked for. */
  limit: number;
  /** Rows to read: the page, plus one when the total is not counted. */
  fetch: number;
  /** Whether the total is counted (the operation selects `totalCount`). */
  total: boolean;
}

/** Whether a field named `name` is selected directly under the field being resolved (through fragments too). */
export function selectsField(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, name: string): boolean {
  const within = (set: SelectionSetNode | undefined, seen: Set<string>): boolean =>
    (set?.selections ?? []).some((s) => {
      if (s.kind === 'Field') return s.name.value === name;
      if (s.kind === 'InlineFragment') return within(s.selectionSet, seen);
      if (seen.has(s.name.value)) return false;
      seen.add(s.name.value);
      const fragment: FragmentDefinitionNode | undefined = info.fragments[s.name.value];
      return within(fragment?.selectionSet, seen);
    });
  return info.fieldNodes.some((node: FieldNode) => within(node.selectionSet, new Set()));
}

export function pageRequest(args: { first?: number | null; after?: string | null }, info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, fallback = 20): PageRequest {
  const limit = pageSize(args.first, fallback);
  const skip = decodeAfter(args.after);
  const total = selectsField(info, 'totalCount');
  return { skip, limit, fetch: total ? limit : limit + 1, total };
}

/** The connection of the rows read for `request`; `total` is the counted total, or null when not counted. */
export function pageOf<T>(rows: T[], request: PageRequest, total: number | null): Page<T> {
  return connectionOf(rows.slice(0, request.limit), request.skip, total ?? request.skip + rows.length);
}
