/**
 * Reading the planner's projected tree in field resolvers: a row compiled by the planner carries
 * `__planned` values by response key; a field finds its own there, or falls back to the loaders.
 */
import type { GraphQLResolveInfo } from 'graphql';

/** Marks "this field was not compiled for this row": the resolver uses its loader. */
export const NOT_PLANNED: unique symbol = Symbol('not planned');

/** The compiled value of this field on this row, or NOT_PLANNED. */
export function plannedValue(row: unknown, info: GraphQLResolveInfo): unknown {
  const planned = (row as { __planned?: Record<string, unknown> } | null)?.__planned;
  if (!planned) return NOT_PLANNED;
  const key = String(info.path.key);
  if (!Object.hasOwn(planned, key)) return NOT_PLANNED;
  return planned[key] ?? NOT_PLANNED;
}

/** A compiled `relations` row's sort key: [type, the other end's name]. Typed lists come in their statement's order. */
type Sorted = { __sort?: [unknown, unknown] };

/** Sorts compiled relation rows as the `relations` field sorts them: by type, then the other end's name. */
export function byTypeThenName<T extends Sorted>(items: T[]): T[] {
  return [...items].sort((a, b) => String(a.__sort?.[0]).localeCompare(String(b.__sort?.[0])) || String(a.__sort?.[1] ?? '').localeCompare(String(b.__sort?.[1] ?? '')));
}

/**
 * How a compiled projection's value becomes the row the field resolvers read. The planner projects each
 * row as a Cypher list (values in a fixed order, see src/planner/planner.ts): a map would pack, send and
 * decode its key strings for every entity and relation row.
 */
export type Decode = (value: unknown) => unknown;

/** The decoders of a statement's compiled projections, by the entity variable each projects. */
export type Decoders = Readonly<Record<string, Decode>>;

/** A statement a module runs: text, the compiled selection's parameters and the decoders of its projections. */
export interface ModuleStatement {
  text: string;
  params?: Record<string, unknown>;
  /** Absent: the statement projects maps (a module's own default text), read as they are. */
  decoders?: Decoders;
}

/** Reads a value as it is (a statement that projects maps). */
export const asIs: Decode = (value) => value;

/** The decoder of variable `v`'s projection in `statement`, or reading the value as it is (a map). */
export function decoderOf(statement: ModuleStatement, v: string): Decode {
  return statement.decoders?.[v] ?? asIs;
}
