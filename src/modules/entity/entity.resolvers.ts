/**
 * Resolvers for the Node interface and every entity type. Typed relation fields are declared in one
 * table (RELATION_FIELDS) and read from the per-request relations loader: one batched statement per
 * level of nesting, never one per row.
 */
import type { Context } from '../../context.js';
import { intInRange } from '../../graphql/arguments.js';
import { badInput, notFound } from '../../errors.js';
import { connectionOf, decodeAfter, pageSize } from '../../graphql/arguments.js';
import type { Resolvers } from '../../generated/resolvers-types.js';
import type { RelationRow } from '../relation/relation.mappers.js';
import { dateValueOf, inferencesOf, provenanceOf } from '../relation/relation.provenance.js';
import type { EntityRow } from './entity.mappers.js';
import type { RelationView } from './entity.repository.js';

interface FieldSpec {
  types: string[];
  direction: 'out' | 'in';
  /** Only entities of this kind at the other end. */
  kind?: string;
  /** Return the relation rows (RoleHolding, MeetingInstrument, Relation) rather than the entities. */
  relations?: boolean;
  one?: boolean;
}

const out = (types: string | string[], extra: Partial<FieldSpec> = {}): FieldSpec => ({ types: [types].flat(), direction: 'out', ...extra });
const inc = (types: string | string[], extra: Partial<FieldSpec> = {}): FieldSpec => ({ types: [types].flat(), direction: 'in', ...extra });

export const RELATION_FIELDS: Record<string, Record<string, FieldSpec>> = {
  Process: {
    objectives: out('HAS_OBJECTIVE'),
    countries: inc('PARTICIPATES_IN'),
    governedBy: inc('GOVERNS'),
    secretariat: inc('SERVES', { one: true }),
    establishedBy: inc('ESTABLISHES', { kind: 'Instrument' }),
    involves: out('INVOLVES'),
  },
  Objective: { process: inc('HAS_OBJECTIVE', { one: true }) },
  Mandate: { article: inc('ESTABLISHES', { one: true }), fulfilledBy: out('FULFILLED_BY') },
  Region: { countries: inc('PART_OF', { kind: 'Country' }) },
  Country: {
    region: out('PART_OF', { kind: 'Region', one: true }),
    taskForce: inc('TASK_FORCE_OF', { one: true }),
    signed: inc('SIGNED_BY'),
    adopted: inc('ADOPTED_BY'),
    developed: inc('DEVELOPED_BY'),
    places: inc('LOCATED_IN', { kind: 'Place' }),
    offices: inc('LOCATED_IN', { kind: 'Office' }),
  },
  Place: { country: out('LOCATED_IN', { one: true }), meetings: inc('HELD_IN'), offices: inc('LOCATED_IN', { kind: 'Office' }) },
  TaskForce: {
    country: out('TASK_FORCE_OF', { one: true }),
    portfolios: out('DRAWS_ON'),
    fulfils: inc('FULFILLED_BY'),
    meetings: out('SENDS_REPRESENTATIVES_TO'),
  },
  Portfolio: { taskForces: inc('DRAWS_ON'), engagedBy: inc('ENGAGES') },
  Workplan: { taskForces: inc('PROGRAMMING_REFLECTED_IN') },
  Organisation: {
    roles: out('HOLDS_ROLE', { relations: true }),
    projectOf: out('PROJECT_OF', { one: true }),
    projects: inc('PROJECT_OF'),
    offices: inc('OFFICE_OF'),
    predecessors: out('SUCCEEDS_IN_ROLE'),
    successors: inc('SUCCEEDS_IN_ROLE'),
  },
  Office: { organisation: out('OFFICE_OF', { one: true }), location: out('LOCATED_IN', { one: true }) },
  Role: { holders: inc('HOLDS_ROLE', { relations: true }), serves: out('SERVES', { one: true }) },
  StakeholderGroup: { invitedBy: inc('INVITES'), involvedIn: inc('INVOLVES') },
  Report: { producedBy: inc('PRODUCES') },
  Meeting: {
    place: out('HELD_IN', { one: true }),
    instruments: inc(['SIGNED_AT', 'ADOPTED_AT'], { relations: true }),
    resultedIn: out('RESULTED_IN'),
    fulfils: inc('FULFILLED_BY'),
    attendedBy: inc('SENDS_REPRESENTATIVES_TO'),
  },
  Instrument: {
    signedAt: out('SIGNED_AT', { one: true }),
    adoptedAt: out('ADOPTED_AT', { one: true }),
    signatories: out('SIGNED_BY'),
    adoptedBy: out('ADOPTED_BY'),
    developedBy: out('DEVELOPED_BY'),
    developedUnder: out('DEVELOPED_UNDER'),
    sections: inc('PART_OF', { kind: 'Section' }),
    preamble: inc('PART_OF', { kind: 'PreambleClause' }),
    areas: inc('PART_OF', { kind: 'PlanArea' }),
    succeeds: out('SUCCEEDS'),
    succeededBy: inc('SUCCEEDS'),
    basedOn: out('BASED_ON'),
    reaffirms: out('REAFFIRMS'),
    reaffirmedBy: inc('REAFFIRMS'),
    implements: out('IMPLEMENTS'),
    implementedBy: inc('IMPLEMENTS'),
    fulfils: inc('FULFILLED_BY'),
    resultOf: inc('RESULTED_IN'),
  },
  Section: { instrument: out('PART_OF', { one: true }), articles: inc('PART_OF', { kind: 'Article' }) },
  Article: {
    section: out('PART_OF', { one: true }),
    mandates: out('ESTABLISHES'),
    mandatedInstruments: inc('DEVELOPED_UNDER'),
    invites: out('INVITES'),
    namesSecretariat: out('NAMES_SECRETARIAT'),
  },
  PreambleClause: { instrument: out('PART_OF', { one: true }) },
  PlanArea: {
    plan: out('PART_OF', { kind: 'Instrument', one: true }),
    predecessors: out(['MERGES', 'EXPANDS', 'RETITLES'], { relations: true }),
    successors: inc(['MERGES', 'EXPANDS', 'RETITLES'], { relations: true }),
  },
};

/** Date fields per type, read from <field>_* properties. */
const DATE_FIELDS_BY_TYPE: Record<string, string[]> = {
  Mandate: ['date'],
  Meeting: ['date'],
  Instrument: ['period', 'drafted', 'adopted', 'signed', 'ends'],
};

function sortKey(view: RelationView): [number, string] {
  const p = view.relation.props;
  const o = view.other;
  const n = (p.sequence ?? p.order ?? o.sequence ?? o.order ?? o.number ?? Number.MAX_SAFE_INTEGER) as number;
  return [Number(n), o.name];
}

function compareViews(a: RelationView, b: RelationView): number {
  const [na, sa] = sortKey(a);
  const [nb, sb] = sortKey(b);
  return na - nb || sa.localeCompare(sb);
}

function select(views: RelationView[], spec: FieldSpec): RelationView[] {
  return views
    .filter((v) => spec.types.includes(v.relation.type) && v.outgoing === (spec.direction === 'out') && (!spec.kind || v.other.kind === spec.kind))
    .sort(compareViews);
}

function relationFieldResolver(spec: FieldSpec) {
  return async (row: EntityRow, _args: unknown, ctx: Context) => {
    const views = await ctx.loaders.typedRelations.load({ id: row.id, types: spec.types, direction: spec.direction });
    const chosen = select(views, spec);
    if (spec.relations) return chosen.map((v): RelationRow => v.relation);
    if (spec.one) return chosen[0]?.other ?? null;
    return chosen.map((v) => v.other);
  };
}

async function relationsField(row: EntityRow, args: { types?: readonly string[] | null; direction?: string | null; first?: number | null }, ctx: Context) {
  const first = intInRange('first', args.first, 1, 500, 100);
  const views = await ctx.loaders.relations.load(row.id);
  return views
    .filter((v) => !args.types || args.types.includes(v.relation.type))
    .filter((v) => (args.direction === 'OUTGOING' ? v.outgoing : args.direction === 'INCOMING' ? !v.outgoing : true))
    .slice(0, first)
    .map((v) => v.relation);
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
  Node: { __resolveType: (row) => row.kind as never },
  ...(typed as Resolvers),
  Query: {
    node: async (_root, { id }, ctx) => {
      const row = await ctx.loaders.node.load(id);
      if (!row) throw notFound('entity', id);
      return row;
    },
    nodes: async (_root, { ids }, ctx) => {
      if (ids.length > 100) throw badInput('ids', 'at most 100 ids per request.');
      const rows = await ctx.loaders.node.loadMany(ids);
      return rows.map((r, i) => {
        if (r instanceof Error) throw r;
        return r ?? notFound('entity', ids[i]!);
      }) as never;
    },
    lookup: async (_root, { name, kind }, ctx) => {
      const rows = await ctx.entities.lookup(name, kind ?? null);
      for (const n of rows) ctx.loaders.node.prime(n.id, n);
      return rows;
    },
    entities: async (_root, args, ctx) => {
      const limit = pageSize(args.first);
      const skip = decodeAfter(args.after);
      const { total, nodes } = await ctx.entities.list({ kind: args.kind ?? null, contains: args.nameContains ?? null, order: args.orderBy ?? 'NAME_ASC', skip, limit });
      for (const n of nodes) ctx.loaders.node.prime(n.id, n);
      return connectionOf(nodes, skip, total);
    },
    stats: (_root, _args, ctx) => ctx.entities.stats() as never,
  },
};
