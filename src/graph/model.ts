/**
 * The graph's vocabulary: node kinds and relation types. This is the single list the loader,
 * repository and tests use; schema/*.graphql declares the same values as enums (a test keeps them equal).
 *
 * Relations are stored from the newer or dependent thing to the older or containing one, so lineage
 * ("ancestors") always follows outgoing edges.
 */
export const NODE_KINDS = [
  'Process',
  'Objective',
  'Mandate',
  'Region',
  'Country',
  'Place',
  'TaskForce',
  'Portfolio',
  'Workplan',
  'Organisation',
  'Office',
  'Role',
  'StakeholderGroup',
  'Report',
  'Meeting',
  'Instrument',
  'Section',
  'Article',
  'PreambleClause',
  'PlanArea',
] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/** Lineage relations: how one instrument or plan area descends from another (ELI-inspired). */
export const LINEAGE_TYPES = ['SUCCEEDS', 'BASED_ON', 'IN_LINE_WITH', 'DEVELOPED_UNDER', 'IMPLEMENTS', 'REAFFIRMS', 'MERGES', 'EXPANDS', 'RETITLES'] as const;

export const RELATION_TYPES = [
  ...LINEAGE_TYPES,
  'PART_OF',
  'LOCATED_IN',
  'HELD_IN',
  'PARTICIPATES_IN',
  'HAS_OBJECTIVE',
  'INVOLVES',
  'TASK_FORCE_OF',
  'GOVERNS',
  'DRAWS_ON',
  'SENDS_REPRESENTATIVES_TO',
  'PROGRAMMING_REFLECTED_IN',
  'HOLDS_ROLE',
  'SUCCEEDS_IN_ROLE',
  'COORDINATES_WITHIN',
  'SERVES',
  'PROJECT_OF',
  'OFFICE_OF',
  'ENGAGES',
  'PRODUCES',
  'USES',
  'SIGNED_AT',
  'SIGNED_BY',
  'ADOPTED_AT',
  'ADOPTED_BY',
  'DEVELOPED_BY',
  'RESULTED_IN',
  'SUPPORTED',
  'ESTABLISHES',
  'ESTABLISHES_INFRASTRUCTURE_FOR',
  'REFERS_TO',
  'REVIEWS',
  'AGREED_BY',
  'FULFILLED_BY',
  'NAMES_SECRETARIAT',
  'INVITES',
] as const;
export type RelationType = (typeof RELATION_TYPES)[number];
export type LineageType = (typeof LINEAGE_TYPES)[number];

/** Date-bearing fields a node or relation may carry; each stored as <field>_start/_end/_precision/_qualifier/_text. */
export const DATE_FIELDS = ['date', 'period', 'drafted', 'adopted', 'signed', 'ends'] as const;
export type DateField = (typeof DATE_FIELDS)[number];

export const DATE_PRECISIONS = ['YEAR', 'MONTH', 'DAY'] as const;
export const DATE_QUALIFIERS = ['EARLY', 'MID', 'LATE', 'MID_LATE'] as const;

/** Lower-cases, strips accents and punctuation spacing: the key for name/alias lookup. */
export function normaliseName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[’‘`]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Collapses runs of whitespace: quotes may differ from their source only in whitespace. */
export function normaliseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function lookupKey(names: string[]): string {
  return `|${[...new Set(names.map(normaliseName))].join('|')}|`;
}

/**
 * Whether a claim is said by its quotes (STATED) or concluded from them by the curator (INFERRED; the
 * quotes are then its premises and the reasoning says, in one sentence, why they support it).
 */
export const BASES = ['STATED', 'INFERRED'] as const;
export type Basis = (typeof BASES)[number];

/** The rule every write path applies to a claim's basis and reasoning; null when they are acceptable. */
export function basisProblem(basis: string, reasoning: string | null | undefined): { field: string; reason: string } | null {
  if (!(BASES as readonly string[]).includes(basis)) return { field: 'basis', reason: `must be STATED or INFERRED; got "${basis}"` };
  if (basis === 'STATED') return reasoning ? { field: 'reasoning', reason: 'a STATED claim takes no reasoning (its quotes say it); mark it INFERRED or drop the reasoning' } : null;
  if (!reasoning || !reasoning.trim()) return { field: 'reasoning', reason: 'an INFERRED claim needs its reasoning: one sentence saying why its quotes support it' };
  if (!/[.]$/.test(reasoning.trim()) || /[.!?]\s+\S/.test(reasoning.trim())) return { field: 'reasoning', reason: 'give the reasoning as one sentence ending with a full stop' };
  return null;
}

/** The id prefix of each kind: an id reads as what it names (`meeting:imm-2`, `report:monitoring-reports`). */
export const KIND_ID_PREFIX: Record<NodeKind, string> = {
  Process: 'process',
  Objective: 'objective',
  Mandate: 'mandate',
  Region: 'region',
  Country: 'country',
  Place: 'place',
  TaskForce: 'taskforce',
  Portfolio: 'portfolio',
  Workplan: 'workplan',
  Organisation: 'org',
  Office: 'office',
  Role: 'role',
  StakeholderGroup: 'group',
  Report: 'report',
  Meeting: 'meeting',
  Instrument: 'instrument',
  Section: 'section',
  Article: 'article',
  PreambleClause: 'preamble',
  PlanArea: 'area',
};

/** Parts of an instrument may instead be named under it, ELI-style: `instrument:mou-2004/article-31`. */
const INSTRUMENT_PARTS: readonly string[] = ['Section', 'Article', 'PreambleClause'];

/** Why an id does not fit its kind's prefix, or null when it does. */
export function idPrefixProblem(id: string, kind: string): string | null {
  const expected = KIND_ID_PREFIX[kind as NodeKind];
  if (!expected) return null;
  const prefix = id.slice(0, id.indexOf(':'));
  if (prefix === expected) return null;
  if (INSTRUMENT_PARTS.includes(kind) && prefix === 'instrument' && id.includes('/')) return null;
  return `a ${kind} id starts with "${expected}:"${INSTRUMENT_PARTS.includes(kind) ? ' (or "instrument:<instrument>/<part>")' : ''}; got "${id}"`;
}
