/**
 * The planner: compiles an entity-returning root field (`node`, `lookup`, `entities`) and everything
 * selected under it into ONE parameterised Cypher statement that returns the projected tree.
 *
 * - Each entity is projected with only the properties its selected fields read (`id` and `kind`
 *   always), plus `__planned`: one `COLLECT { ... }` subquery per typed relation field or `relations`
 *   field, by response key, each with its own ORDER BY and LIMIT, so sibling lists never multiply rows.
 *   Fields under a type condition are wrapped in `CASE v.kind WHEN ...`.
 * - Every projection travels as a Cypher list of values in a fixed order, never a map: a map's key
 *   strings are packed by the database and decoded by the driver for every entity and relation row
 *   (measured on the nested list of 100 meetings: 0.4 ms of the driver's and 0.4 ms of the database's CPU
 *   per request, half of each). Each projection comes with its decoder (`Decode`), which rebuilds the
 *   object the resolvers read: `{id, kind, name, __planned: {...}}`, as a map projection would have.
 * - Relation rows (Relation, RoleHolding, MeetingInstrument) carry their endpoints and the instrument's
 *   articles the same way, compiled from their own selections.
 * - Labels, relationship types and directions come from the model table (RELATION_FIELDS, NODE_KINDS)
 *   and enums; every value is a parameter; absent filters are compiled out.
 * - Compiled text is cached per operation document, root response key and variable shape, so a repeated
 *   operation does no planning and sends identical text (Neo4j's plan cache hits).
 *
 * Field resolvers read `__planned` (see plannedValue). Root fields with statements of their own
 * (neighbourhood, lineage, adoptions, connection, search, timeline) have the planner compile the
 * projections of the entities they return (`compiledAround`): their rows are partial and never primed into
 * the node loader. What the planner does not compile stays on the per-request DataLoaders (context.ts):
 * `nodes(ids)`, sources behind Provenance, and a key whose compiled expression clashes between merged
 * selections.
 */
import { getArgumentValues, getNamedType, isObjectType, type FieldNode, type GraphQLField, type GraphQLResolveInfo, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { DATE_FIELDS, NODE_KINDS, RELATION_TYPES } from '../model/model.js';
import { DATE_FIELDS_BY_TYPE, RELATION_FIELDS, type FieldSpec } from '../modules/entity/entity.fields.js';
import { INFERENCE_PROPERTIES } from '../modules/relation/relation.provenance.js';
import { asIs, type Decode, type Decoders } from './planned.js';
import { collectFields, subSelections, variableShape, type SelectionScope } from './selection.js';

/**
 * Items of a typed relation list per entity (Meeting.instruments, MeetingInstrument.articles...): the
 * cut of both paths and the cost estimate's multiplier (src/graphql/limits.ts). The curated graph's
 * longest such list has 8 items; `relations(types:, first:)` reads up to 500.
 */
export const RELATIONS_PER_FIELD = 10;

/**
 * The LIMIT of a typed list's subquery, on both paths: one item more than the cut, so the resolver knows
 * the list was cut and says so (a LIST_TRUNCATED warning, src/graphql/warnings.ts).
 */
export const RELATIONS_FETCHED_PER_FIELD = RELATIONS_PER_FIELD + 1;

/** `relations(first:)`: its default and maximum (the SDL states the same; the cost estimate reads `first`). */
export const RELATIONS_PAGE = { default: 20, max: 500 } as const;

/** Entities `lookup` returns at most (its compiled LIMIT and cost multiplier). */
export const LOOKUP_LIMIT = 100;

/** A parameter's value, computed per request from the variables (compiled text never changes). */
type ParamValue = (variables: Record<string, unknown>) => unknown;

export interface CompiledStatement {
  name: string;
  text: string;
  /** Parameters the selection needs (nested field arguments); the root field adds its own. */
  params: Map<string, ParamValue>;
  /** The root's projection (`node`, or each of `nodes`) as the resolvers read it. */
  decode: Decode;
  /** The decoders of the projections a module's statement embeds (`compiledAround`), by entity variable. */
  decoders: Decoders;
}

/** A compiled projection: a Cypher list expression and how its value becomes the row the resolvers read. */
interface Projection {
  text: string;
  decode: Decode;
}

/** A planned value's decoder; `row` is the object being built (a value under a type condition reads its `kind`). */
type PlannedDecode = (value: unknown, row: Record<string, unknown>) => unknown;

/**
 * A row projected as a list: the `fields` values as they are, then the `planned` values, decoded into
 * `__planned` by response key. `absentWhen`: the field whose null means no row at all (an entity's id,
 * null only for an OPTIONAL MATCH that found nothing, where a map projection would have been null).
 */
function listProjection(fields: readonly (readonly [key: string, text: string])[], planned: readonly (readonly [key: string, text: string, decode: PlannedDecode])[], absentWhen?: string): Projection {
  const names = fields.map(([key]) => key);
  const count = names.length;
  const absent = absentWhen === undefined ? -1 : names.indexOf(absentWhen);
  const decode: Decode = (value) => {
    if (value === null || value === undefined) return null;
    const list = value as unknown[];
    if (absent >= 0 && list[absent] === null) return null;
    const row: Record<string, unknown> = {};
    for (let i = 0; i < count; i++) row[names[i]!] = list[i];
    if (planned.length) {
      // Keyed by response keys, which a client names: no prototype, so an alias `__proto__` is a key like any other.
      const values: Record<string, unknown> = Object.create(null);
      for (let j = 0; j < planned.length; j++) values[planned[j]![0]] = planned[j]![2](list[count + j], row);
      row.__planned = values;
    }
    return row;
  };
  return { text: `[${[...fields.map(([, text]) => text), ...planned.map(([, text]) => text)].join(', ')}]`, decode };
}

/** Decodes a list of compiled rows (a COLLECT subquery's value is always a list; a CASE around it decodes null itself). */
const eachOf = (item: Projection): Decode => (value) => (value as unknown[]).map(item.decode);

const ENTITY_TYPE_NAMES: readonly string[] = NODE_KINDS;
const RELATION_ROW_TYPES = new Set(['Relation', 'RoleHolding', 'MeetingInstrument']);
/** Fields of relation rows answered without the relation's properties. */
const ROW_FIELDS_WITHOUT_PROPS = new Set(['__typename', 'id', 'type', 'relation', 'from', 'to', 'organisation', 'role', 'instrument', 'articles']);
const shapeWords = new Set<string>([...NODE_KINDS, 'OUTGOING', 'INCOMING', 'BOTH', 'NAME_ASC', 'NAME_DESC', 'KIND']);

/** Properties a scalar field of an entity reads. */
function propertiesOf(typeName: string, fieldName: string): string[] {
  if (fieldName === 'sources') return ['sourceIds', 'quotes'];
  if (fieldName === 'alternateTitles') return ['alternateTitles', 'alternateTitleNotes'];
  if (fieldName === 'inferences') return [...INFERENCE_PROPERTIES];
  if ((DATE_FIELDS_BY_TYPE[typeName] ?? []).includes(fieldName) && (DATE_FIELDS as readonly string[]).includes(fieldName)) {
    return ['start', 'end', 'text', 'precision', 'qualifier'].map((p) => `${fieldName}_${p}`);
  }
  return [fieldName];
}

const quoteName = (name: string) => `\`${name.replaceAll('`', '')}\``;
const literal = (text: string) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

class Compiler {
  private variableCount = 0;
  private paramCount = 0;
  readonly params = new Map<string, ParamValue>();

  /** Compiled relation fields by field, spec, return type and field nodes: types sharing a selection share its text. */
  private readonly memo = new Map<string, Projection | null>();
  private readonly nodeIds = new WeakMap<FieldNode, number>();

  constructor(private readonly scope: SelectionScope) {}

  private nodeId(node: FieldNode): number {
    let id = this.nodeIds.get(node);
    if (id === undefined) {
      id = (this.nodeIdCount += 1);
      this.nodeIds.set(node, id);
    }
    return id;
  }

  private nodeIdCount = 0;

  /** The field's compiled subquery, once per distinct (variable, field, spec, return type, nodes). */
  private relationField(v: string, typeName: string, field: GraphQLField<unknown, unknown>, nodes: readonly FieldNode[]): Projection | null {
    const spec = RELATION_FIELDS[typeName]?.[field.name];
    if (!spec && field.name !== 'relations') return null;
    const key = `${v}|${field.name}|${JSON.stringify(spec ?? null)}|${getNamedType(field.type).name}|${nodes.map((n) => this.nodeId(n)).join(',')}`;
    if (!this.memo.has(key)) this.memo.set(key, spec ? this.typedRelations(v, spec, field, nodes) : this.genericRelations(v, field, nodes));
    return this.memo.get(key)!;
  }

  private fresh(prefix: string): string {
    return `${prefix}${this.variableCount++}`;
  }

  private param(value: ParamValue): string {
    const name = `p${this.paramCount++}`;
    this.params.set(name, value);
    return `$${name}`;
  }

  /**
   * The projection of entity variable `v` whose concrete type is one of `possible`, for the merged
   * selection sets. Keys whose compiled expression conflicts between selections are left to the loaders.
   * `id` and `kind` travel always, except for an `item` (an entity inside a compiled list or relation row,
   * read by field resolvers only): it carries `kind` only where its type is abstract (the type resolver
   * reads it) and `id` only when a field is left to the loaders, unless the selection reads them.
   * `extra`: values the row carries as they are (a page's sort key values).
   */
  entity(v: string, possible: readonly string[], sets: readonly SelectionSetNode[], item = false, extra: readonly (readonly [string, string])[] = []): Projection {
    const properties = new Set(item ? (possible.length > 1 ? ['kind'] : []) : ['id', 'kind']);
    const planned = new Map<string, Map<string, { projection: Projection; types: string[] }>>();
    for (const typeName of possible) {
      const type = this.scope.schema.getType(typeName);
      if (!isObjectType(type)) continue;
      for (const [key, nodes] of collectFields(this.scope, typeName, sets)) {
        const fieldName = nodes[0]!.name.value;
        if (fieldName === '__typename') continue;
        const field = type.getFields()[fieldName];
        if (!field) continue;
        const projection = this.relationField(v, typeName, field, nodes);
        if (projection === null) {
          for (const p of propertiesOf(typeName, fieldName)) properties.add(p);
          continue;
        }
        if (!planned.has(key)) planned.set(key, new Map());
        const byText = planned.get(key)!;
        if (!byText.has(projection.text)) byText.set(projection.text, { projection, types: [] });
        byText.get(projection.text)!.types.push(typeName);
      }
    }
    const entries: [string, string, PlannedDecode][] = [];
    for (const [key, byText] of planned) {
      const variants = [...byText.values()];
      if (variants.length === 1 && variants[0]!.types.length === possible.length) {
        entries.push([key, variants[0]!.projection.text, variants[0]!.projection.decode]);
      } else {
        // Each concrete type has at most one expression per key in a valid document; if a type got two
        // (same alias, different arguments under different parents), the key is left to the loaders.
        const seen = new Set<string>();
        const clash = variants.some(({ types }) => types.some((t) => seen.has(t) || !seen.add(t)));
        if (clash) {
          properties.add('id');
          continue;
        }
        // Under a type condition: the value's shape is its type's (an entity of several possible types carries its kind).
        const byKind = new Map(variants.flatMap(({ projection, types }) => types.map((t): [string, Decode] => [t, projection.decode])));
        const whens = variants.flatMap(({ projection, types }) => types.map((t) => `WHEN ${literal(t)} THEN ${projection.text}`));
        entries.push([key, `CASE ${v}.kind ${whens.join(' ')} END`, (value, row) => (value === null || value === undefined ? null : byKind.get(String(row.kind))!(value))]);
      }
    }
    // An item whose selection reads nothing stored (only __typename) is an empty list, decoded as an empty row.
    const fields = [...[...properties].sort().map((p): [string, string] => [p, `${v}.${quoteName(p)}`]), ...extra];
    return listProjection(fields, entries, item ? undefined : 'id');
  }

  /** Possible concrete entity types of a field's return type (an interface: all of them). */
  private possibleTypes(field: GraphQLField<unknown, unknown>): readonly string[] {
    const named = getNamedType(field.type).name;
    return ENTITY_TYPE_NAMES.includes(named) ? [named] : ENTITY_TYPE_NAMES;
  }

  /** A typed relation field (RELATION_FIELDS): the other ends, or the relation rows, sorted as the loaders sort. */
  private typedRelations(v: string, spec: FieldSpec, field: GraphQLField<unknown, unknown>, nodes: readonly FieldNode[]): Projection {
    const r = this.fresh('r');
    const m = this.fresh('m');
    const types = spec.types.filter((t) => (RELATION_TYPES as readonly string[]).includes(t)).join('|');
    const pattern = spec.direction === 'out' ? `(${v})-[${r}:${types}]->(${m}:Entity)` : `(${v})<-[${r}:${types}]-(${m}:Entity)`;
    const kind = spec.kind && (NODE_KINDS as readonly string[]).includes(spec.kind) ? ` AND ${m}.kind = ${literal(spec.kind)}` : '';
    // The list's order is this ORDER BY (the loader path's statement orders the same way): position, then
    // name without case, then id. The position is read once per row (five property reads).
    const position = this.fresh('pos');
    const sets = subSelections(nodes);
    const item = spec.relations ? this.relationRow(r, v, m, spec.direction === 'out', getNamedType(field.type).name, sets, null) : this.entity(m, this.possibleTypes(field), sets, true);
    const text =
      `COLLECT { MATCH ${pattern} WHERE ${r}.retired IS NULL${kind} ` +
      `WITH ${r}, ${m}, coalesce(${r}.sequence, ${r}.order, ${m}.sequence, ${m}.order, ${m}.number) AS ${position} ` +
      `ORDER BY ${position}, toLower(${m}.name), ${m}.id LIMIT ${RELATIONS_FETCHED_PER_FIELD} RETURN ${item.text} }`;
    return { text, decode: eachOf(item) };
  }

  /** The generic `relations(types, direction, first)` field: relation rows, sorted and cut by its resolver. */
  private genericRelations(v: string, field: GraphQLField<unknown, unknown>, nodes: readonly FieldNode[]): Projection {
    // Arguments must agree across merged nodes (graphql validation); read them from the first.
    const args = getArgumentValues(field, nodes[0]!, this.scope.variables) as { types?: string[] | null; direction?: string | null };
    const r = this.fresh('r');
    const m = this.fresh('m');
    const node = nodes[0]!;
    const filters = [`${r}.retired IS NULL`];
    if (args.types) filters.push(`type(${r}) IN ${this.param((vars) => (getArgumentValues(field, node, vars) as { types?: string[] }).types ?? [])}`);
    if (args.direction === 'OUTGOING') filters.push(`startNode(${r}) = ${v}`);
    if (args.direction === 'INCOMING') filters.push(`endNode(${r}) = ${v}`);
    const sort = `[type(${r}), ${m}.name]`;
    // The page is cut here; its resolver sorts the rows again (localeCompare) and checks `first`. Spaces for
    // underscores make Cypher order types as localeCompare does, so the same rows make the page.
    const first = this.param((vars) => {
      const value = Number((getArgumentValues(field, node, vars) as { first?: number | null }).first ?? RELATIONS_PAGE.default);
      return Number.isInteger(value) ? Math.min(Math.max(value, 1), RELATIONS_PAGE.max) : RELATIONS_PAGE.default;
    });
    const item = this.relationRow(r, v, m, null, 'Relation', subSelections(nodes), sort);
    return { text: `COLLECT { MATCH (${v})-[${r}]-(${m}:Entity) WHERE ${filters.join(' AND ')} WITH ${r}, ${m} ORDER BY replace(type(${r}), '_', ' '), toLower(${m}.name) LIMIT ${first} RETURN ${item.text} }`, decode: eachOf(item) };
  }

  /**
   * A relation row (RelationRow shape: id, type, from, to, props) and its planned endpoints. `outgoing`
   * says whether `v` is the start (null: decided per row).
   */
  private relationRow(r: string, v: string, m: string, outgoing: boolean | null, typeName: string, sets: readonly SelectionSetNode[], sort: string | null): Projection {
    const start = outgoing === null ? `startNode(${r})` : outgoing ? v : m;
    const end = outgoing === null ? `endNode(${r})` : outgoing ? m : v;
    const selected = RELATION_ROW_TYPES.has(typeName) ? collectFields(this.scope, typeName, sets) : new Map<string, FieldNode[]>();
    // The relation's own properties (quotes, dates, qualifiers) travel only when a field reads them.
    const readsProps = [...selected.values()].some((nodes) => !ROW_FIELDS_WITHOUT_PROPS.has(nodes[0]!.name.value));
    const selectedNames = new Set([...selected.values()].map((nodes) => nodes[0]!.name.value));
    // The row's id and type travel only when read; its ends only when a field falls back to the loaders
    // (an endpoint or articles field the planner did not compile below). Fewer bytes packed and decoded.
    const entries: [string, string][] = [
      ...(RELATION_ROW_TYPES.has(typeName) && !selectedNames.has('id') ? [] : [['id', `${r}.id`] as [string, string]]),
      ...(RELATION_ROW_TYPES.has(typeName) && !selectedNames.has('type') && !selectedNames.has('relation') ? [] : [['type', `type(${r})`] as [string, string]]),
      // No field of the selection reads the properties when they are left out (the resolvers that read
      // `props` are exactly the fields outside ROW_FIELDS_WITHOUT_PROPS). They stay a map: any property.
      ...(readsProps ? [['props', `${r} {.*}`] as [string, string]] : []),
      ...(sort === null ? [] : [['__sort', sort] as [string, string]]),
    ];
    let needsEnds = !RELATION_ROW_TYPES.has(typeName);
    const planned: [string, string, PlannedDecode][] = [];
    if (RELATION_ROW_TYPES.has(typeName)) {
      const type = this.scope.schema.getType(typeName);
      for (const [key, nodes] of selected) {
        const fieldName = nodes[0]!.name.value;
        const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
        if (!field) continue;
        const plannedBefore = planned.length;
        const endpoint = ({ from: start, organisation: start, instrument: start, to: end, role: end } as Record<string, string>)[fieldName];
        const child = subSelections(nodes);
        if (endpoint && !(typeName === 'Relation' && fieldName !== 'from' && fieldName !== 'to')) {
          // A variable end is projected in place; `startNode(r)` (a generic relation) needs a variable first.
          const e = outgoing === null ? this.fresh('e') : endpoint;
          const projected = this.entity(e, this.possibleTypes(field), child, true);
          planned.push([key, outgoing === null ? `[${e} IN [${endpoint}] | ${projected.text}][0]` : projected.text, projected.decode]);
        } else if (typeName === 'MeetingInstrument' && fieldName === 'articles') {
          const d = this.fresh('r');
          const a = this.fresh('m');
          const article = this.entity(a, this.possibleTypes(field), child, true);
          planned.push([key, `COLLECT { MATCH (${start})-[${d}:DEVELOPED_UNDER]->(${a}:Entity) WHERE ${d}.retired IS NULL WITH ${d}, ${a} ORDER BY toLower(${a}.name), ${a}.id LIMIT ${RELATIONS_FETCHED_PER_FIELD} RETURN ${article.text} }`, eachOf(article)]);
        }
        if (planned.length === plannedBefore && ['from', 'to', 'organisation', 'role', 'instrument', 'articles'].includes(fieldName)) needsEnds = true;
      }
    }
    if (needsEnds) entries.push(['from', `${start}.id`], ['to', `${end}.id`]);
    return listProjection(entries, planned);
  }
}

export type RootField = 'node' | 'lookup' | 'entities';

/** Filters of `entities` that are present in a request (absent ones are compiled out). */
export interface EntityFilterShape {
  from?: boolean;
  to?: boolean;
  country?: boolean;
  /** Present when `relatedTo` is: its relation type (or null for any) and direction. */
  related?: { type: string | null; direction: string } | null;
  instrumentType?: boolean;
  meetingType?: boolean;
}

export interface RootArgs {
  kind?: string | null;
  nameContains?: string | null;
  orderBy?: string | null;
  /** `entities` only: which filters are present, and whether the page starts after a cursor. */
  filters?: EntityFilterShape;
  after?: boolean;
}

/**
 * The sort keys of each `entities` order, most significant first; the last is always the unique id, so
 * the order is total and a keyset cursor (the last row's key values) resumes exactly after it.
 * `sortKey` is toLower(name), stored by every write path (migration 010) with a range index per kind label.
 */
const EARLIEST_DATE = "reduce(d = '9999-12-31~', f IN coalesce(n.dateFields, []) | CASE WHEN n[f + '_start'] < d THEN n[f + '_start'] ELSE d END)";
export const ENTITY_ORDERS: Record<string, readonly { expression: string; descending?: boolean }[]> = {
  NAME_ASC: [{ expression: 'n.sortKey' }, { expression: 'n.id' }],
  NAME_DESC: [{ expression: 'n.sortKey', descending: true }, { expression: 'n.id' }],
  KIND: [{ expression: 'n.kind' }, { expression: 'n.sortKey' }, { expression: 'n.id' }],
  DATE: [{ expression: EARLIEST_DATE }, { expression: 'n.sortKey' }, { expression: 'n.id' }],
  ID: [{ expression: 'n.id' }],
};

/** Relation types a `country` filter follows from an entity straight to the country. */
const COUNTRY_DIRECT = 'SIGNED_BY|ADOPTED_BY|DEVELOPED_BY|TASK_FORCE_OF|LOCATED_IN';
/** Relation types followed (one or two hops) to a place located in the country: where it was held, signed or adopted. */
const COUNTRY_VIA_PLACE = 'SIGNED_AT|ADOPTED_AT|HELD_IN|LOCATED_IN';

/**
 * The WHERE conditions of `entities` for the filters present, each reading its own parameter:
 * $contains, $from/$to (ISO days), $country, $related, $instrumentType, $meetingType.
 */
function entityConditions(args: RootArgs, possible: readonly string[]): string[] {
  const f = args.filters ?? {};
  const conditions: string[] = [];
  if (args.nameContains != null) conditions.push('n.lookup CONTAINS $contains');
  if (f.instrumentType) conditions.push('n.instrumentType = $instrumentType');
  if (f.meetingType) conditions.push('n.meetingType = $meetingType');
  if (f.from || f.to) {
    // A date covers [start, end] (a year-only date: its whole year), so it overlaps the range when it
    // ends on or after `from` and starts on or before `to`. One test per date field of the possible types.
    const fields = [...new Set(possible.flatMap((t) => DATE_FIELDS_BY_TYPE[t] ?? []))].filter((d) => (DATE_FIELDS as readonly string[]).includes(d)).sort();
    const overlap = (d: string) => [...(f.from ? [`n.${d}_end >= $from`] : []), ...(f.to ? [`n.${d}_start <= $to`] : [])].join(' AND ');
    conditions.push(fields.length ? `(${fields.map((d) => `(${overlap(d)})`).join(' OR ')})` : 'false');
  }
  if (f.country) {
    conditions.push(
      `(EXISTS { MATCH (n)-[c0:${COUNTRY_DIRECT}]->(:Country {id: $country}) WHERE c0.retired IS NULL } OR ` +
        `EXISTS { MATCH (n)-[c1:${COUNTRY_VIA_PLACE} WHERE c1.retired IS NULL]->{1,2}(:Place)-[c2:LOCATED_IN WHERE c2.retired IS NULL]->(:Country {id: $country}) })`,
    );
  }
  if (f.related) {
    const type = f.related.type && (RELATION_TYPES as readonly string[]).includes(f.related.type) ? `:${f.related.type}` : '';
    const pattern = f.related.direction === 'OUTGOING' ? `-[x${type}]->` : f.related.direction === 'INCOMING' ? `<-[x${type}]-` : `-[x${type}]-`;
    conditions.push(`EXISTS { MATCH (n)${pattern}(:Entity {id: $related}) WHERE x.retired IS NULL }`);
  }
  return conditions;
}

/**
 * The keyset condition "after the row whose key values are $after": lexicographic over the order's keys.
 * The leading `>=`/`<=` lets Neo4j seek the sort-key (or id) index and read it in order.
 */
function keysetCondition(order: readonly { expression: string; descending?: boolean }[]): string {
  const ors = order.map((key, i) => {
    const equal = order.slice(0, i).map((k, j) => `${k.expression} = $after[${j}]`);
    return [...equal, `${key.expression} ${key.descending ? '<' : '>'} $after[${i}]`].join(' AND ');
  });
  const leading = `${order[0]!.expression} ${order[0]!.descending ? '<=' : '>='} $after[0]`;
  return `${leading} AND (${ors.map((o) => `(${o})`).join(' OR ')})`;
}

function compileEntities(compiler: Compiler, scope: SelectionScope, sets: readonly SelectionSetNode[], args: RootArgs): Projection {
  const f = args.filters ?? {};
  const kind = args.kind && (NODE_KINDS as readonly string[]).includes(args.kind) ? args.kind : null;
  // The typed-field filters hold only on their kind: read that label's index.
  const label = kind ?? (f.instrumentType && !f.meetingType ? 'Instrument' : f.meetingType && !f.instrumentType ? 'Meeting' : 'Entity');
  const possible = label === 'Entity' ? ENTITY_TYPE_NAMES : [label];
  const { nodeSets, totalCount, cursors } = connectionNodeSets(scope, sets);
  const order = ENTITY_ORDERS[args.orderBy ?? 'NAME_ASC'] ?? ENTITY_ORDERS.NAME_ASC!;
  const conditions = entityConditions(args, possible);
  const where = (extra: string[]) => (conditions.length + extra.length ? ` WHERE ${[...extra, ...conditions].join(' AND ')}` : '');
  // An indexed leading key needs a predicate on it for the index to serve the order.
  const leading = order[0]!.expression;
  const seek = args.after ? [keysetCondition(order)] : leading === 'n.sortKey' || leading === 'n.id' ? [`${leading} IS NOT NULL`] : [];
  const total = totalCount ? `CALL () { MATCH (n:${label})${where([])} RETURN count(n) AS total } ` : '';
  const orderBy = order.map((k) => `${k.expression}${k.descending ? ' DESC' : ''}`).join(', ');
  // Each node's sort key values make its cursor: they travel only when a cursor or pageInfo is selected.
  const projection = compiler.entity('n', possible, nodeSets, false, cursors ? [['__key', `[${order.map((k) => k.expression).join(', ')}]`]] : []);
  const text =
    `${total}CALL () { MATCH (n:${label})${where(seek)} WITH n ORDER BY ${orderBy} LIMIT $limit ` +
    `RETURN collect(${projection.text}) AS nodes } RETURN ${totalCount ? 'total' : 'null AS total'}, nodes` +
    // Whether the ids the filters name exist (an unknown one answers NOT_FOUND, not an empty page).
    (f.country ? ', EXISTS { MATCH (:Country {id: $country}) } AS countryKnown' : '') +
    (f.related ? ', EXISTS { MATCH (:Entity {id: $related}) } AS relatedKnown' : '');
  return { text, decode: projection.decode };
}

const caches = new WeakMap<OperationDefinitionNode, Map<string, CompiledStatement>>();

function scopeOf(info: GraphQLResolveInfo): SelectionScope {
  return { schema: info.schema, fragments: info.fragments, variables: info.variableValues };
}

/** The selection sets of `edges.node` under a NodeConnection, across aliases. */
function connectionNodeSets(scope: SelectionScope, sets: readonly SelectionSetNode[]) {
  const edges = collectFields(scope, 'NodeConnection', sets);
  const connectionFields = [...edges.values()].flat();
  const edgeSets = connectionFields.filter((n) => n.name.value === 'edges').flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
  const edgeFields = [...collectFields(scope, 'NodeEdge', edgeSets).values()].flat();
  const nodeSets = edgeFields.filter((n) => n.name.value === 'node').flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
  const totalCount = connectionFields.some((n) => n.name.value === 'totalCount');
  // A cursor is read on an edge or through pageInfo (startCursor, endCursor).
  const cursors = connectionFields.some((n) => n.name.value === 'pageInfo') || edgeFields.some((n) => n.name.value === 'cursor');
  return { nodeSets, totalCount, cursors };
}

function compile(info: GraphQLResolveInfo, root: RootField, args: RootArgs): CompiledStatement {
  const scope = scopeOf(info);
  const compiler = new Compiler(scope);
  const sets = subSelections(info.fieldNodes);
  const kind = args.kind && (NODE_KINDS as readonly string[]).includes(args.kind) ? args.kind : null;
  const possible = kind ? [kind] : ENTITY_TYPE_NAMES;
  const label = kind ?? 'Entity';
  let compiled: Projection;
  if (root === 'node') {
    const node = compiler.entity('n', possible, sets);
    compiled = { text: `MATCH (n:Entity {id: $id}) RETURN ${node.text} AS node`, decode: node.decode };
  } else if (root === 'lookup') {
    // A match on the name ranks first, then on earlier aliases (the stored key lists the name's form first).
    const node = compiler.entity('n', possible, sets);
    compiled = { text: `MATCH (n:${label}) WHERE n.lookup CONTAINS $key WITH n ORDER BY size(split(n.lookup, $key)[0]), n.name LIMIT ${LOOKUP_LIMIT} RETURN ${node.text} AS node`, decode: node.decode };
  } else {
    compiled = compileEntities(compiler, scope, sets, args);
  }
  return { name: `planner/${root}`, text: compiled.text, params: compiler.params, decode: compiled.decode, decoders: {} };
}

/** The compiled statement for this root field and request (cached per document, field and variable shape). */
export function compiledStatement(info: GraphQLResolveInfo, root: RootField, args: RootArgs = {}): CompiledStatement {
  const key = `${root}|${args.kind ?? ''}|${args.nameContains != null}|${args.orderBy ?? ''}|${JSON.stringify(args.filters ?? null)}|${args.after === true}`;
  return cached(info, key, () => compile(info, root, args));
}

/** The statement cached for this operation document, root response key, `key` and variable shape; compiled on a miss. */
function cached(info: GraphQLResolveInfo, key: string, compileIt: () => CompiledStatement): CompiledStatement {
  let cache = caches.get(info.operation);
  if (!cache) {
    cache = new Map();
    caches.set(info.operation, cache);
  }
  const full = `${String(info.path.key)}|${key}|${variableShape(info.variableValues, shapeWords)}`;
  let compiled = cache.get(full);
  if (!compiled) {
    compiled = compileIt();
    cache.set(full, compiled);
  }
  return compiled;
}

/** Compiles entity projections for a statement a module writes around them (see `compiledAround`). */
export interface ProjectionCompiler {
  /**
   * The projection of entity variable `v` for the union of the selections under `paths` (each a list of
   * field names from the root field, e.g. `['relations', 'from']`): every property they read, and a
   * subquery per relation field they select. Its value is a list, null when `v` is null: the module maps
   * it with the statement's decoder for `v` (`decoderOf`). Rows of such a projection are partial: resolve
   * from them, never prime the node loader with them.
   */
  entity(v: string, paths: readonly (readonly string[])[]): string;
  /** The names of the fields selected under `path` (on its concrete object type). */
  fieldNames(path: readonly string[]): Set<string>;
}

/** The field nodes under `path` from the root field, following the schema's field types. */
function fieldNodesAt(scope: SelectionScope, info: GraphQLResolveInfo, path: readonly string[]): { typeName: string; nodes: FieldNode[] } {
  let typeName = getNamedType(info.returnType).name;
  let nodes: FieldNode[] = [...info.fieldNodes];
  for (const step of path) {
    const type = scope.schema.getType(typeName);
    const field = isObjectType(type) ? type.getFields()[step] : undefined;
    if (!field) return { typeName, nodes: [] };
    nodes = [...collectFields(scope, typeName, subSelections(nodes)).values()].flat().filter((n) => n.name.value === step);
    typeName = getNamedType(field.type).name;
  }
  return { typeName, nodes };
}

/** A statement for one request: its text, the parameters its compiled selection needs and its projections' decoders. */
export interface RequestStatement {
  text: string;
  params: Record<string, unknown>;
  decoders: Decoders;
}

/**
 * A statement a module builds around entity projections compiled from the request's selection (the
 * neighbourhood), cached like the planner's own: `build` runs once per operation document, field, `shape`
 * (the module's own text-changing choices) and variable shape, so a repeated operation sends identical text.
 * Returns the text with this request's values of the selection's parameters (the module adds its own).
 */
export function compiledAround(info: GraphQLResolveInfo, shape: string, build: (compiler: ProjectionCompiler) => string): RequestStatement {
  const compiled = cached(info, `around|${shape}`, () => {
    const scope = scopeOf(info);
    const compiler = new Compiler(scope);
    const decoders: Record<string, Decode> = {};
    const text = build({
      entity: (v, paths) => {
        const projection = compiler.entity(v, ENTITY_TYPE_NAMES, paths.flatMap((path) => subSelections(fieldNodesAt(scope, info, path).nodes)));
        decoders[v] = projection.decode;
        return projection.text;
      },
      fieldNames: (path) => {
        const { typeName, nodes } = fieldNodesAt(scope, info, path);
        return new Set([...collectFields(scope, typeName, subSelections(nodes)).values()].flat().map((n) => n.name.value));
      },
    });
    return { name: `around/${shape}`, text, params: compiler.params, decode: asIs, decoders };
  });
  return { text: compiled.text, params: paramsFor(compiled, info.variableValues, {}), decoders: compiled.decoders };
}

/** Whether a selection of a relation row (Relation, RoleHolding, MeetingInstrument) reads any of the relation's properties. */
export function readsRelationProperties(fieldNames: ReadonlySet<string>): boolean {
  return [...fieldNames].some((f) => !ROW_FIELDS_WITHOUT_PROPS.has(f));
}

/**
 * For a field returning relation rows whose ends the caller already holds (projected by its own statement):
 * a function handing each row its ends as compiled values under every response key of `from` and `to`, so
 * Relation.from/to (plannedEndpoint) read them instead of the node loader. Keys are read once per field.
 */
export function withEnds(info: GraphQLResolveInfo): <R extends object>(row: R, from: unknown, to: unknown) => R {
  const scope = scopeOf(info);
  const selected = [...collectFields(scope, getNamedType(info.returnType).name, subSelections(info.fieldNodes))];
  const keys = (field: string) => selected.filter(([, nodes]) => nodes[0]!.name.value === field).map(([key]) => key);
  const fromKeys = keys('from');
  const toKeys = keys('to');
  if (fromKeys.length === 0 && toKeys.length === 0) return (row) => row;
  return (row, from, to) => {
    const planned: Record<string, unknown> = Object.create(null); // response keys (see listProjection)
    for (const key of fromKeys) planned[key] = from;
    for (const key of toKeys) planned[key] = to;
    return { ...row, __planned: planned };
  };
}

/** The statement's parameters for this request: the root's own plus the selection's. */
export function paramsFor(compiled: CompiledStatement, variables: Record<string, unknown>, own: Record<string, unknown>): Record<string, unknown> {
  const params: Record<string, unknown> = { ...own };
  for (const [name, value] of compiled.params) params[name] = value(variables);
  return params;
}
