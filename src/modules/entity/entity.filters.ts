/**
 * The arguments of `entities`: filters checked and turned into statement parameters (the planner compiles
 * only the filters present) and keyset cursors. (An unknown id in a filter answers NOT_FOUND with suggested
 * ids: src/modules/suggestion.)
 *
 * Cursors are opaque (base64url of the order and the last row's key values, see ENTITY_ORDERS); the
 * offset cursors issued before keyset paging are refused with BAD_USER_INPUT, as is a cursor of another order.
 */
import { badInput, echo } from '../../errors.js';
import { dateBound } from '../../graphql/arguments.js';
import type { QueryEntitiesArgs } from '../../generated/resolvers-types.js';
import { ENTITY_ORDERS, type EntityFilterShape } from '../../planner/planner.js';

export interface EntityArguments {
  /** Parameters of the compiled statement for the filters present. */
  params: Record<string, unknown>;
  filters: EntityFilterShape;
}

export function entityArguments(args: QueryEntitiesArgs): EntityArguments {
  const params: Record<string, unknown> = {};
  const filters: EntityFilterShape = {};
  const from = dateBound('from', args.from, 'start');
  const to = dateBound('to', args.to, 'end');
  if (from !== null && to !== null && from > to) throw badInput('to', `must not be before "from" (${args.from}); got "${echo(String(args.to), 40)}".`);
  const set = (name: 'from' | 'to' | 'country' | 'instrumentType' | 'meetingType', value: unknown) => {
    params[name] = value;
    (filters as Record<string, unknown>)[name] = true;
  };
  if (from !== null) set('from', from);
  if (to !== null) set('to', to);
  if (args.country != null) set('country', args.country);
  if (args.instrumentType != null) set('instrumentType', args.instrumentType);
  if (args.meetingType != null) set('meetingType', args.meetingType);
  if (args.relatedTo != null) {
    params.related = args.relatedTo.id;
    filters.related = { type: args.relatedTo.type ?? null, direction: args.relatedTo.direction ?? 'BOTH' };
  }
  return { params, filters };
}

type KeyValue = string | number | null;

export function encodeKeyset(order: string, key: readonly KeyValue[]): string {
  return Buffer.from(JSON.stringify(['k', order, key]), 'utf8').toString('base64url');
}

/** The key values to resume after, from an `after` cursor issued for `order`; null without a cursor. */
export function decodeKeyset(after: string | null | undefined, order: string): KeyValue[] | null {
  if (after === null || after === undefined) return null;
  const refuse = () => badInput('after', `is not a cursor this API issued for orderBy ${order}; start again without "after".`);
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  const size = ENTITY_ORDERS[order]?.length;
  if (!Array.isArray(value) || value.length !== 3 || value[0] !== 'k' || value[1] !== order) throw refuse();
  const key = value[2] as unknown;
  if (!Array.isArray(key) || key.length !== size || !key.every((k) => k === null || typeof k === 'string' || typeof k === 'number')) throw refuse();
  return key as KeyValue[];
}
