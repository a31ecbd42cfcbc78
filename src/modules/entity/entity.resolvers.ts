/**
 * Resolvers for the Node interface and every entity type. `node`, `lookup` and `entities` run one
 * statement compiled by the planner (src/planner) that already holds every typed relation field and
 * `relations` page selected below them; the field resolvers read those compiled values. Rows reached
 * any other way (adoptions, lineage, search...) resolve relation fields through the per-request loaders
 * (RELATION_FIELDS, one batched statement per level of nesting, never one per row).
 */
import type { Context } from '../../context.js';
import { intInRange } from '../../graphql/arguments.js';
import { badInput } from '../../errors.js';
import { pageSize } from '../../graphql/pagination.js';
import type { Resolvers } from '../../generated/resolvers-types.js';
import type { RelationRow } from '../relation/relation.mappers.js';
import { dateValueOf, inferencesOf, provenanceOf } from '../relation/relation.provenance.js';
import type { GraphQLResolveInfo } from 'graphql';
import { NODE_KIND_VALUES, normaliseName } from '../../model/model.js';
import { compiledStatement, paramsFor, RELATIONS_PAGE, RELATIONS_PER_FIELD } from '../../planner/planner.js';
import { byTypeThenName, NOT_PLANNED, plannedValue } from '../../planner/planned.js';
import type { EntityRow } from './entity.mappers.js';
import { unknownId, unknownIdError } from '../suggestion/not-found.js';
import { decodeKeyset, encodeKeyset, entityArguments } from './entity.filters.js';
import type { RelationView } from './entity.repository.js';
import { DATE_FIELDS_BY_TYPE, RELATION_FIELDS, wholeListCall, type FieldSpec } from './entity.fields.js';

/** The views of one typed field, in the statement's order (position, then name without case, then id). */
function select(views: RelationView[], spec: FieldSpec): RelationView[] {
  return views.filter((v) => spec.types.includes(v.relation.type) && v.outgoing === (spec.direction === 'out') && (!spec.kind || v.other.kind === spec.kind));
}

/**
 * A typed relation field. Both paths fetch one item more than the cap (RELATIONS_FETCHED_PER_FIELD) in the
 * same Cypher order, which is the list's order, keep the first RELATIONS_PER_FIELD, and when they cut one
 * add a LIST_TRUNCATED warning naming the `relations` call that lists them all.
 */
function relationFieldResolver(spec: FieldSpec) {
  const whole = wholeListCall(spec, RELATIONS_PAGE.max);
  const cut = <T>(fetched: T[], ctx: Context, info: GraphQLResolveInfo): T[] => {
    if (fetched.length <= RELATIONS_PER_FIELD) return fetched;
    if (!spec.one) ctx.warnings.listTruncated(info, RELATIONS_PER_FIELD, whole);
    return fetched.slice(0, RELATIONS_PER_FIELD);
  };
  // A compiled value answers at once (no promise for graphql to settle per row); the loader path is async.
  return (row: EntityRow, _args: unknown, ctx: Context, info: GraphQLResolveInfo) => {
    const planned = plannedValue(row, info);
    if (planned !== NOT_PLANNED) {
      const items = cut(planned as EntityRow[], ctx, info);
      if (spec.one && !spec.relations) return items[0] ?? null;
      return items;
    }
    return ctx.loaders.typedRelations.load({ id: row.id, types: spec.types, direction: spec.direction, kind: spec.kind ?? null }).then((views) => {
      const chosen = select(cut(views, ctx, info), spec);
      if (spec.relations) return chosen.map((v): RelationRow => v.relation);
      if (spec.one) return chosen[0]?.other ?? null;
      return chosen.map((v) => v.other);
    });
  };
}

function relationsField(row: EntityRow, args: { types?: readonly string[] | null; direction?: string | null; first?: number | null }, ctx: Context, info: GraphQLResolveInfo) {
  const first = intInRange('first', args.first, 1, RELATIONS_PAGE.max, RELATIONS_PAGE.default);
  const planned = plannedValue(row, info);
  if (planned !== NOT_PLANNED) return byTypeThenName(planned as (RelationRow & { __sort?: [unknown, unknown] })[]).slice(0, first);
  return ctx.loaders.relations.load(row.id).then((views) =>
    views
      .filter((v) => !args.types || args.types.includes(v.relation.type))
      .filter((v) => (args.direction === 'OUTGOING' ? v.outgoing : args.direction === 'INCOMING' ? !v.outgoing : true))
      .slice(0, first)
      .map((v) => v.relation),
  );
}

const commonFields = {
  aliases: (row: EntityRow) => row.aliases ?? [],
  description: (row: EntityRow) => row.description ?? null,
  sources: (row: EntityRow) => provenanceOf(row),
  inferences: (row: EntityRow) => inferencesOf(row),
  version: (row: EntityRow) => Number(row.version ?? 1),
  relations: relationsField,
};

function typeResolvers(typeName: string): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...commonFields };
  for (const [field, spec] of Object.entries(RELATION_FIELDS[typeName] ?? {})) fields[field] = relationFieldResolver(spec);
  for (const field of DATE_FIELDS_BY_TYPE[typeName] ?? []) fields[field] = (row: EntityRow) => dateValueOf(row, field);
  return fields;
}

export const ENTITY_TYPES = [
  'Process', 'Objective', 'Mandate', 'Region', 'Country', 'Place', 'TaskForce', 'Portfolio', 'Workplan', 'Organisation',
  'Office', 'Role', 'StakeholderGroup', 'Report', 'Meeting', 'Instrument', 'Section', 'Article', 'PreambleClause', 'PlanArea',
] as const;

const typed = Object.fromEntries(ENTITY_TYPES.map((t) => [t, typeResolvers(t)]));
typed.Instrument = {
  ...typed.Instrument,
  alternateTitles: (row: EntityRow) => (row.alternateTitles ?? []).map((title, i) => ({ title, note: row.alternateTitleNotes?.[i] ?? '' })),
};

export const entityResolvers: Resolvers = {
  Node: { __resolveType: (row) => row.kind },
  // The API's ALL_CAPS kinds stand for the stored PascalCase kinds (labels, `n.kind`, type names).
  NodeKind: NODE_KIND_VALUES,
  ...(typed as Resolvers),
  Query: {
    // node, lookup and entities: one compiled statement each (src/planner), whatever is selected below.
    node: async (_root, { id }, ctx, info) => {
      const compiled = compiledStatement(info, 'node');
      const [row] = await ctx.entities.compiled(compiled, paramsFor(compiled, info.variableValues, { id }));
      if (!row?.node) throw await unknownId(ctx.suggestions, { argument: 'id', id, kind: null });
      return compiled.decode(row.node) as EntityRow;
    },
    nodes: async (_root, { ids }, ctx) => {
      if (ids.length > 100) throw badInput('ids', 'at most 100 ids per request.');
      const rows = await ctx.loaders.node.loadMany(ids);
      // Suggestions for every unknown id of the request in one statement.
      const unknown = ids.filter((_id, i) => rows[i] === null);
      const suggestions = unknown.length ? await ctx.suggestions.suggestEach(unknown) : new Map<string, string[]>();
      return rows.map((r, i) => {
        if (r instanceof Error) throw r;
        // An error as an item is that item's error (null in the list), the others still answer. The error itself,
        // not a rejected promise: graphql-jit appends a second null to the list for a rejected item.
        return r ?? (unknownIdError({ argument: 'ids', id: ids[i]!, kind: null }, suggestions.get(ids[i]!) ?? []) as unknown as EntityRow);
      });
    },
    lookup: async (_root, { name, kind }, ctx, info) => {
      const compiled = compiledStatement(info, 'lookup', { kind: kind ?? null });
      const rows = await ctx.entities.compiled(compiled, paramsFor(compiled, info.variableValues, { key: `|${normaliseName(name)}|` }));
      return rows.map((r) => compiled.decode(r.node) as EntityRow);
    },
    entities: async (_root, args, ctx, info) => {
      const limit = pageSize(args.first);
      const orderBy = args.orderBy ?? 'NAME_ASC';
      const after = decodeKeyset(args.after, orderBy);
      const { params, filters } = entityArguments(args);
      const contains = args.nameContains ?? null;
      const compiled = compiledStatement(info, 'entities', { kind: args.kind ?? null, nameContains: contains, orderBy, filters, after: after !== null });
      // One extra row says whether there is a next page.
      const own = { ...params, limit: limit + 1, ...(after === null ? {} : { after }), ...(contains === null ? {} : { contains: normaliseName(contains) }) };
      const [row] = await ctx.entities.compiled(compiled, paramsFor(compiled, info.variableValues, own));
      if (row?.countryKnown === false) throw await unknownId(ctx.suggestions, { argument: 'country', id: String(args.country), kind: 'Country' });
      if (row?.relatedKnown === false) throw await unknownId(ctx.suggestions, { argument: 'relatedTo.id', id: String(args.relatedTo?.id), kind: null });
      // `__key` (the sort key values) is compiled in only when a cursor or pageInfo is selected; cursors are made when read.
      const fetched = (row?.nodes ?? []) as unknown[];
      const nodes = fetched.slice(0, limit).map((n) => compiled.decode(n) as EntityRow & { __key?: (string | number | null)[] });
      const cursorOf = (node: (typeof nodes)[number] | undefined) => (node ? encodeKeyset(orderBy, node.__key ?? []) : null);
      return {
        edges: nodes.map((node) => ({ node, get cursor() { return cursorOf(node)!; } })),
        pageInfo: { hasNextPage: fetched.length > limit, hasPreviousPage: after !== null, get startCursor() { return cursorOf(nodes[0]); }, get endCursor() { return cursorOf(nodes.at(-1)); } },
        // Counted only when selected (the planner compiles the count only then).
        totalCount: row?.total === null || row?.total === undefined ? 0 : Number(row.total),
      };
    },
    stats: (_root, _args, ctx) => ctx.entities.stats(),
  },
};
