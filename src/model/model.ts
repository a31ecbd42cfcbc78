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

/**
 * The public API's NodeKind values (ALL_CAPS, like every other enum) and the stored kind each stands for:
 * the GraphQL enum's internal values (entity resolvers) and codegen.yml's `enumValues` say the same (a test checks).
 */
export const NODE_KIND_VALUES = {
  PROCESS: 'Process',
  OBJECTIVE: 'Objective',
  MANDATE: 'Mandate',
  REGION: 'Region',
  COUNTRY: 'Country',
  PLACE: 'Place',
  TASK_FORCE: 'TaskForce',
  PORTFOLIO: 'Portfolio',
  WORKPLAN: 'Workplan',
  ORGANISATION: 'Organisation',
  OFFICE: 'Office',
  ROLE: 'Role',
  STAKEHOLDER_GROUP: 'StakeholderGroup',
  REPORT: 'Report',
  MEETING: 'Meeting',
  INSTRUMENT: 'Instrument',
  SECTION: 'Section',
  ARTICLE: 'Article',
  PREAMBLE_CLAUSE: 'PreambleClause',
  PLAN_AREA: 'PlanArea',
} as const satisfies Record<string, NodeKind>;

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

/** Lower-cases, strips accents and collapses spaces: text folded for display-side matching (search passages). */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[’‘`]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Long forms and their abbreviations, longest first: a name and its abbreviation share one lookup form. */
const ABBREVIATIONS: [string, string][] = [
  ['united nations action for cooperation against trafficking in persons', 'unact'],
  ['united nations interagency project against trafficking in the greater mekong subregion', 'uniap'],
  ['united nations development programme', 'undp'],
  ['memorandum of understanding', 'mou'],
  ['subregional plan of action', 'spa'],
  ['sub regional plan of action', 'spa'],
  ['strategic plan of action', 'spa'],
  ['interministerial meeting', 'imm'],
  ['inter ministerial meeting', 'imm'],
  ['senior officials meetings', 'soms'],
  ['senior officials meeting', 'som'],
  ['joint declaration', 'jd'],
  ['greater mekong subregion', 'gms'],
  ['nongovernmental organisations', 'ngos'],
  ['monitoring and evaluation', 'm&e'],
  ['united nations', 'un'],
  ['article', 'art'],
];
const SPELLINGS: Record<string, string> = { organization: 'organisation', organizations: 'organisations', program: 'programme', programs: 'programmes', taskforce: 'task force', taskforces: 'task forces', art: 'art' };
const ROMAN: Record<string, string> = { i: '1', ii: '2', iii: '3', iv: '4', v: '5', vi: '6', vii: '7', viii: '8', ix: '9', x: '10' };
const ORDINALS: Record<string, string> = { first: '1', second: '2', third: '3', fourth: '4', fifth: '5', sixth: '6', seventh: '7', eighth: '8', ninth: '9', tenth: '10' };
/** Abbreviations numbered in a series: `SPAIII`, `third SPA` and `SPA 3` are one name. */
const SERIES = ['spa', 'imm', 'jd', 'ppc', 'som', 'art', 'section', 'area'];
const SERIES_WITH_ROMAN = new RegExp(`^(${SERIES.join('|')})(${Object.keys(ROMAN).sort((a, b) => b.length - a.length).join('|')})$`);

/** Case, accents, punctuation and spacing folded; letters split from digits; hyphens inside words dropped. */
function tokens(text: string): string[] {
  return foldText(text)
    .replace(/'/g, '')
    .replace(/(\p{L})-(?=\p{L})/gu, '$1')
    .replace(/[^\p{L}\p{N}&]+/gu, ' ')
    .replace(/(\p{L})(?=\p{N})|(\p{N})(?=\p{L})/gu, '$1$2 ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .flatMap((t) => {
      const m = SERIES_WITH_ROMAN.exec(t);
      return m ? [m[1]!, m[2]!] : (SPELLINGS[t] ?? t).split(' ');
    });
}

/**
 * The lookup form of a name: case, accents, punctuation and spacing folded, roman numerals and ordinals
 * before a series (`third IMM`) turned into numbers after it (`imm 3`), long forms abbreviated
 * (`Memorandum of Understanding` -> `mou`, `Article` -> `art`), and a leading or inner `COMMIT` dropped
 * (`COMMIT MoU` = `MoU`). `SPA II`, `spa 2`, `SPAII` and `Second Sub-regional Plan of Action` all give `spa 2`.
 */
export function normaliseName(text: string): string {
  let words = tokens(text).map((t) => ROMAN[t] ?? t);
  let joined = ` ${words.join(' ')} `;
  for (const [long, short] of ABBREVIATIONS) joined = joined.split(` ${long} `).join(` ${short} `);
  words = joined.trim().split(' ').filter(Boolean);
  if (words.length > 1) words = words.filter((w) => w !== 'commit');
  for (let i = 0; i + 1 < words.length; i++) {
    const n = ORDINALS[words[i]!];
    if (n && SERIES.includes(words[i + 1]!)) words.splice(i, 2, words[i + 1]!, n);
  }
  return words.join(' ');
}

/** Unabbreviated and folded: kept in the stored key too, so a `nameContains` on part of a long form still matches. */
function spelledOut(text: string): string {
  return tokens(text).join(' ');
}

/** Collapses runs of whitespace: quotes may differ from their source only in whitespace. */
export function normaliseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The stored lookup key: `|form|form|...|`, the lookup forms of the name and aliases in that order (the
 * lookup statement ranks a match on an earlier form first), then their spelled-out forms for `nameContains`.
 */
export function lookupKey(names: string[]): string {
  return `|${[...new Set([...names.map(normaliseName), ...names.map(spelledOut)])].join('|')}|`;
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
