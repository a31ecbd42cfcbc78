/**
 * The typed relation fields of every entity type, read from the model: which relation types, which
 * direction, which kind at the other end. Both the field resolvers (loader path) and the planner
 * (compiled path) read this one table, so the two always agree; test/unit/relation-fields.test.ts checks it
 * against the SDL (a row for every typed relation field and no other, list or single, entity or relation row).
 */
import { NODE_KIND_VALUES, type NodeKind, type RelationType } from '../../model/model.js';

export interface FieldSpec {
  types: RelationType[];
  direction: 'out' | 'in';
  /** Only entities of this kind at the other end. */
  kind?: NodeKind;
  /** Return the relation rows (RoleHolding, MeetingInstrument, Relation) rather than the entities. */
  relations?: boolean;
  one?: boolean;
}

const out = (types: RelationType | RelationType[], extra: Partial<FieldSpec> = {}): FieldSpec => ({ types: [types].flat(), direction: 'out', ...extra });
const inc = (types: RelationType | RelationType[], extra: Partial<FieldSpec> = {}): FieldSpec => ({ types: [types].flat(), direction: 'in', ...extra });

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

/**
 * The `relations` call that lists a typed field's whole list (its types and direction, `first` at most),
 * named in the LIST_TRUNCATED warning of a cut list; a kind-restricted field adds which ends to keep.
 */
export function wholeListCall(spec: Pick<FieldSpec, 'types' | 'direction' | 'kind'>, first: number): { call: string; only: string | null } {
  const kind = spec.kind ? Object.entries(NODE_KIND_VALUES).find(([, stored]) => stored === spec.kind)?.[0] : undefined;
  return {
    call: `relations(types: [${spec.types.join(', ')}], direction: ${spec.direction === 'out' ? 'OUTGOING' : 'INCOMING'}, first: ${first})`,
    only: kind ? `those whose other end is a ${kind}` : null,
  };
}

/** Date fields per type, read from <field>_* properties. */
export const DATE_FIELDS_BY_TYPE: Record<string, string[]> = {
  Mandate: ['date'],
  Meeting: ['date'],
  Instrument: ['period', 'drafted', 'adopted', 'signed', 'ends'],
};
