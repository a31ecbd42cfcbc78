/**
 * Validates a bundle (the curated data file, or an import) in full before anything is written, and
 * turns it into the flat property maps the loader writes. Every problem is reported as
 * (record, field, reason); a bundle with any problem is refused whole.
 */
import crypto from 'node:crypto';
import { Ajv, type ErrorObject } from 'ajv';
import { AppError, echo, ErrorCode } from '../errors.js';
import { parsePartialDate, parseRange, type Span } from '../model/dates.js';
import { DATE_FIELDS, NODE_KIND_VALUES, NODE_KINDS, RELATION_TYPES, basisProblem, idPrefixProblem, lookupKey, normaliseWhitespace, type Basis } from '../model/model.js';
import schema from './bundle.schema.json' with { type: 'json' };

export interface Problem {
  record: string;
  field: string;
  reason: string;
}

/** A bundle refused whole: BAD_USER_INPUT with every problem in `problems` (the CLI lists them). */
export class BundleError extends AppError {
  constructor(readonly problems: Problem[]) {
    super(
      ErrorCode.BadUserInput,
      `The bundle was refused (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems
          .slice(0, 50)
          .map((p) => `  - ${p.record} ${p.field}: ${p.reason}`)
          .join('\n'),
      { problems },
    );
  }
}

type Scalar = string | number | boolean | null;
type QuoteItem = string | { source?: string; quote: string };
interface DateInput {
  text: string;
  value?: string;
  from?: string;
  to?: string;
  qualifier?: string;
}
export interface SourceInput {
  id: string;
  title: string;
  file?: string;
  text?: string;
  publisher?: string | null;
  url?: string | null;
  published?: string | null;
  citation?: string | null;
}
export interface NodeInput {
  id: string;
  version?: number;
  kind: string;
  name: string;
  aliases?: string[];
  alternateTitles?: { title: string; note: string }[];
  description?: string;
  text?: string;
  props?: Record<string, Scalar>;
  dates?: Partial<Record<string, DateInput>>;
  /** Property claims the curator inferred (all others are stated), each with reasoning and premises. */
  inferred?: InferenceInput[];
  quote?: QuoteItem;
  quotes?: QuoteItem[];
}
export interface InferenceInput {
  property: string;
  value?: string;
  reasoning: string;
  quotes: QuoteItem[];
}
export interface RelationInput {
  id?: string;
  version?: number;
  type: string;
  from: string;
  to: string;
  props?: Record<string, Scalar>;
  date?: DateInput;
  /** STATED (default) or INFERRED; an inferred relation's quotes are its premises. */
  basis?: Basis;
  /** Required for an INFERRED relation, refused on a STATED one: why the premises support it, one sentence. */
  reasoning?: string;
  quote?: QuoteItem;
  quotes?: QuoteItem[];
}
export interface BundleInput {
  sources?: SourceInput[];
  defaultSource?: string;
  nodes?: NodeInput[];
  relations?: RelationInput[];
}

/** Inferred property claims, stored flat: parallel lists, premises pointing at their claim by index. */
export const INFERENCE_PROPS = ['inferredProperties', 'inferredValues', 'inferredReasoning', 'inferredPremiseOf', 'inferredPremiseSourceIds', 'inferredPremiseQuotes'];

/** What the loader writes: flat property maps, ready for `SET n += $props`. */
export interface SourceRecord {
  id: string;
  props: Record<string, unknown>;
}
export interface NodeRecord {
  id: string;
  kind: string;
  /** The version the bundle read the record at, if it names one (to change an existing record). */
  version?: number;
  props: Record<string, unknown>;
}
export interface RelationRecord {
  id: string;
  version?: number;
  type: string;
  from: string;
  to: string;
  props: Record<string, unknown>;
}
export interface ValidBundle {
  sources: SourceRecord[];
  nodes: NodeRecord[];
  relations: RelationRecord[];
}

/** Sources already in the graph (id -> full text), so imports may cite them without re-sending. */
export type KnownSources = Map<string, string>;

const ajv = new Ajv({ allErrors: true, strict: false });
const validateShape = ajv.compile<BundleInput>(schema);

export const RESERVED_PROPS = new Set(['id', 'kind', 'name', 'aliases', 'aliasText', 'description', 'text', 'lookup', 'sortKey', 'sourceIds', 'quotes', 'quoteText', 'alternateTitles', 'alternateTitleNotes', 'dateFields', 'version', 'retired', 'retiredAt', 'retiredBy', 'retiredReason', 'type', 'basis', 'reasoning', ...INFERENCE_PROPS]);

export function relationId(type: string, from: string, to: string): string {
  return `rel:${type.toLowerCase().replace(/_/g, '-')}/${from.replace(':', '.')}/${to.replace(':', '.')}`;
}

function shapeProblems(errors: ErrorObject[] | null | undefined, input: unknown): Problem[] {
  return (errors ?? []).map((e) => {
    const parts = e.instancePath.split('/').filter(Boolean);
    let record = 'bundle';
    if (parts.length >= 2 && (parts[0] === 'nodes' || parts[0] === 'relations' || parts[0] === 'sources')) {
      const item = (input as Record<string, unknown[]>)[parts[0]]?.[Number(parts[1])] as { id?: string; type?: string } | undefined;
      const name = typeof item?.id === 'string' ? item.id : typeof item?.type === 'string' ? item.type : '';
      record = `${parts[0]}[${parts[1]}]${name ? ` (${echo(name, 80)})` : ''}`;
    }
    const field = parts.slice(2).join('.') || (e.params as { missingProperty?: string }).missingProperty || '(record)';
    const extra = e.keyword === 'additionalProperties' ? ` "${(e.params as { additionalProperty: string }).additionalProperty}"` : '';
    return { record, field, reason: `${e.message ?? 'is invalid'}${extra}` };
  });
}

function spanOf(d: DateInput): Span | null {
  if (d.value !== undefined && (d.from !== undefined || d.to !== undefined)) return null;
  if (d.value !== undefined) return parsePartialDate(d.value);
  if (d.from !== undefined && d.to !== undefined) return parseRange(d.from, d.to);
  return null;
}

function dateProps(prefix: string, d: DateInput): Record<string, unknown> {
  const span = spanOf(d)!;
  return {
    [`${prefix}_text`]: d.text,
    [`${prefix}_start`]: span.start,
    [`${prefix}_end`]: span.end,
    [`${prefix}_precision`]: span.precision,
    [`${prefix}_qualifier`]: d.qualifier ?? null,
    // The input form, so an export gives back exactly what was imported.
    [`${prefix}_value`]: d.value ?? null,
    [`${prefix}_from`]: d.from ?? null,
    [`${prefix}_to`]: d.to ?? null,
  };
}

/** What the checks of one bundle share: the problems found so far and the texts quotes are checked against. */
interface Checks {
  problems: Problem[];
  /** Each known source's text, whitespace-normalised. */
  normTexts: Map<string, string>;
  defaultSource: string | undefined;
}

/** A record's quotes, each checked verbatim against its source: the provenance properties the record stores. */
function provenance(checks: Checks, record: string, item: { quote?: QuoteItem; quotes?: QuoteItem[] }) {
  const items = [...(item.quote !== undefined ? [item.quote] : []), ...(item.quotes ?? [])];
  if (items.length === 0) checks.problems.push({ record, field: 'quotes', reason: 'every record needs at least one verbatim quote from its source' });
  const sourceIds: string[] = [];
  const quotes: string[] = [];
  for (const [q, raw] of items.entries()) {
    const quote = typeof raw === 'string' ? raw : raw.quote;
    const sourceId = (typeof raw === 'string' ? undefined : raw.source) ?? checks.defaultSource;
    const field = `quotes[${q}]`;
    if (!sourceId) {
      checks.problems.push({ record, field, reason: 'names no source and the bundle has no defaultSource' });
      continue;
    }
    const text = checks.normTexts.get(sourceId);
    if (text === undefined) {
      checks.problems.push({ record, field, reason: `unknown source "${echo(sourceId, 80)}"` });
      continue;
    }
    if (!text.includes(normaliseWhitespace(quote))) {
      checks.problems.push({ record, field, reason: `quote not found verbatim in source "${sourceId}": "${quote.slice(0, 80)}${quote.length > 80 ? '…' : ''}"` });
      continue;
    }
    sourceIds.push(sourceId);
    quotes.push(normaliseWhitespace(quote));
  }
  return { sourceIds, quotes, quoteText: [...new Set(quotes)].join(' \u2016 ') };
}

/** A date is a real date or range, and its text is a passage of one of the record's own quotes. */
function checkDate(checks: Checks, record: string, field: string, d: DateInput, quotes: string[]): void {
  if (!spanOf(d)) checks.problems.push({ record, field, reason: `bad date: give value (YYYY, YYYY-MM or YYYY-MM-DD) or from/to with from <= to; got ${JSON.stringify(d)}` });
  // A date keeps the source's words: its text is a passage of one of the record's own quotes.
  const text = normaliseWhitespace(d.text);
  if (quotes.length > 0 && !quotes.some((q) => q.includes(text))) checks.problems.push({ record, field: `${field}.text`, reason: `"${d.text}" is not in any quote of this record; a date's text must be the source's own words` });
}

/** The bundle's sources as stored, and every source text quotes may cite (the known ones and these). */
function validateSources(bundle: BundleInput, knownSources: KnownSources, problems: Problem[]): { sources: SourceRecord[]; texts: Map<string, string> } {
  const texts = new Map(knownSources);
  const sources: SourceRecord[] = [];
  for (const [i, s] of (bundle.sources ?? []).entries()) {
    const record = `sources[${i}] (${echo(s.id, 80)})`;
    // Files are never read here: the command line reads them first (readSourceFiles), the API refuses them.
    const text = s.text;
    if (text === undefined) {
      problems.push({ record, field: s.file === undefined ? 'text' : 'file', reason: s.file === undefined ? 'a source needs its full text (text)' : 'source files are read only by the command line, from data/sources/; send the full text in text' });
      continue;
    }
    const known = knownSources.get(s.id);
    if (known !== undefined && known !== text) {
      problems.push({ record, field: 'text', reason: 'differs from the stored text of this source; stored sources are immutable' });
      continue;
    }
    if (sources.some((x) => x.id === s.id)) {
      problems.push({ record, field: 'id', reason: 'duplicate source id' });
      continue;
    }
    texts.set(s.id, text);
    sources.push({
      id: s.id,
      props: {
        title: s.title,
        file: s.file ?? null,
        text,
        normText: normaliseWhitespace(text),
        sha256: crypto.createHash('sha256').update(text).digest('hex'),
        length: text.length,
        publisher: s.publisher ?? null,
        url: s.url ?? null,
        published: s.published ?? null,
        citation: s.citation ?? null,
      },
    });
  }
  return { sources, texts };
}

/** An entity's inferred property claims, stored flat (INFERENCE_PROPS), each with its reasoning and premises. */
function inferences(checks: Checks, record: string, n: NodeInput): Record<string, unknown[]> {
  const inference: Record<string, unknown[]> = Object.fromEntries(INFERENCE_PROPS.map((k) => [k, []]));
  const aliases = n.aliases ?? [];
  for (const [k, inf] of (n.inferred ?? []).entries()) {
    const field = `inferred[${k}]`;
    const claimed = ['name', 'aliases', 'alternateTitles', 'description', 'text', ...Object.keys(n.props ?? {}), ...Object.keys(n.dates ?? {})];
    if (!claimed.includes(inf.property)) checks.problems.push({ record, field: `${field}.property`, reason: `"${inf.property}" is not a property this entity claims` });
    const listed = inf.property === 'aliases' ? aliases : inf.property === 'alternateTitles' ? (n.alternateTitles ?? []).map((t) => t.title) : null;
    if (listed && (inf.value === undefined || !listed.includes(inf.value))) checks.problems.push({ record, field: `${field}.value`, reason: `name the one ${inf.property} value inferred (one of the entity's own)` });
    const reasoningError = basisProblem('INFERRED', inf.reasoning);
    if (reasoningError) checks.problems.push({ record, field: `${field}.reasoning`, reason: reasoningError.reason });
    const premises = provenance(checks, `${record} ${field}`, { quotes: inf.quotes });
    inference.inferredProperties!.push(inf.property);
    inference.inferredValues!.push(inf.value ?? '');
    inference.inferredReasoning!.push(inf.reasoning);
    for (const [q, quote] of premises.quotes.entries()) {
      inference.inferredPremiseOf!.push(k);
      inference.inferredPremiseSourceIds!.push(premises.sourceIds[q]!);
      inference.inferredPremiseQuotes!.push(quote);
    }
  }
  return inference;
}

function validateNode(checks: Checks, n: NodeInput, i: number, nodeIds: Set<string>): NodeRecord {
  const { problems } = checks;
  const record = `nodes[${i}] (${n.id})`;
  if (nodeIds.has(n.id)) problems.push({ record, field: 'id', reason: 'duplicate id' });
  nodeIds.add(n.id);
  if (!(NODE_KINDS as readonly string[]).includes(n.kind)) problems.push({ record, field: 'kind', reason: `unknown kind "${n.kind}"; one of ${NODE_KINDS.join(', ')} (or its ALL_CAPS form, e.g. MEETING)` });
  const prefixProblem = idPrefixProblem(n.id, n.kind);
  if (prefixProblem) problems.push({ record, field: 'id', reason: prefixProblem });
  for (const key of Object.keys(n.props ?? {})) {
    if (RESERVED_PROPS.has(key) || DATE_FIELDS.some((f) => key.startsWith(`${f}_`))) problems.push({ record, field: `props.${key}`, reason: 'reserved property name' });
  }
  const prov = provenance(checks, record, n);
  if (n.text !== undefined && prov.sourceIds.length > 0) {
    const found = prov.sourceIds.some((sid) => checks.normTexts.get(sid)!.includes(normaliseWhitespace(n.text!)));
    if (!found) problems.push({ record, field: 'text', reason: 'text must be verbatim from a cited source' });
  }
  const dateFields: string[] = [];
  let dateProperties: Record<string, unknown> = {};
  for (const [field, d] of Object.entries(n.dates ?? {})) {
    if (!d) continue;
    checkDate(checks, record, `dates.${field}`, d, prov.quotes);
    if (spanOf(d)) {
      dateFields.push(field);
      dateProperties = { ...dateProperties, ...dateProps(field, d) };
    }
  }
  const aliases = n.aliases ?? [];
  const inference = inferences(checks, record, n);
  return {
    id: n.id,
    kind: n.kind,
    ...(n.version !== undefined ? { version: n.version } : {}),
    props: {
      ...(n.props ?? {}),
      ...dateProperties,
      id: n.id,
      kind: n.kind,
      name: n.name,
      aliases,
      aliasText: aliases.join(' | '),
      alternateTitles: (n.alternateTitles ?? []).map((t) => t.title),
      alternateTitleNotes: (n.alternateTitles ?? []).map((t) => t.note),
      description: n.description ?? null,
      text: n.text ?? null,
      lookup: lookupKey([n.name, ...aliases]),
      dateFields,
      ...inference,
      ...prov,
    },
  };
}

/** Entity ids a relation may name: the bundle's own and those already stored. */
interface EntityIds {
  inBundle: ReadonlySet<string>;
  known: ReadonlySet<string>;
}

function validateRelation(checks: Checks, r: RelationInput, i: number, entities: EntityIds, relationIds: Set<string>): RelationRecord {
  const { problems } = checks;
  const id = relationId(r.type, r.from, r.to);
  const record = `relations[${i}] (${id})`;
  // Ids are the server's: one relation per (type, from, to), so a chosen id can never name two relations.
  if (r.id !== undefined && r.id !== id) problems.push({ record, field: 'id', reason: `must be "${id}" (the id of this type, from and to) or omitted; got "${echo(r.id, 80)}"` });
  if (relationIds.has(id)) problems.push({ record, field: 'id', reason: 'duplicate relation (same type, from and to)' });
  relationIds.add(id);
  if (!(RELATION_TYPES as readonly string[]).includes(r.type)) problems.push({ record, field: 'type', reason: `unknown relation type "${r.type}"` });
  const exists = (entity: string) => entities.inBundle.has(entity) || entities.known.has(entity);
  if (!exists(r.from)) problems.push({ record, field: 'from', reason: `unknown entity "${r.from}"` });
  if (!exists(r.to)) problems.push({ record, field: 'to', reason: `unknown entity "${r.to}"` });
  if (r.from === r.to) problems.push({ record, field: 'to', reason: 'a relation cannot point to its own start' });
  for (const key of Object.keys(r.props ?? {})) {
    if (RESERVED_PROPS.has(key) || key.startsWith('date_')) problems.push({ record, field: `props.${key}`, reason: 'reserved property name' });
  }
  const basis = r.basis ?? 'STATED';
  const basisError = basisProblem(basis, r.reasoning);
  if (basisError) problems.push({ record, field: basisError.field, reason: basisError.reason });
  const prov = provenance(checks, record, r);
  if (r.date) checkDate(checks, record, 'date', r.date, prov.quotes);
  return {
    id,
    ...(r.version !== undefined ? { version: r.version } : {}),
    type: r.type,
    from: r.from,
    to: r.to,
    // reasoning: null removes a stale one when a relation is re-stated (SET += drops null properties).
    props: { ...(r.props ?? {}), ...(r.date && spanOf(r.date) ? dateProps('date', r.date) : {}), id, basis, reasoning: r.reasoning ?? null, ...prov },
  };
}

/**
 * Validates `input` completely (it reads no file: see readBundleFile). `knownSources` lets an import cite
 * sources already stored; a source given in the bundle with the same id must carry the same text (stored
 * sources are immutable). `knownNodeIds` are stored entities its relations may name.
 */
/** A bundle node's kind as stored: an ALL_CAPS API kind (NODE_KIND_VALUES) becomes its PascalCase form; others pass as they are. */
export function storedKind(kind: string): string {
  return Object.hasOwn(NODE_KIND_VALUES, kind) ? NODE_KIND_VALUES[kind as keyof typeof NODE_KIND_VALUES] : kind;
}

export function validateBundle(input: unknown, knownSources: KnownSources = new Map(), knownNodeIds: ReadonlySet<string> = new Set()): ValidBundle {
  if (!validateShape(input)) throw new BundleError(shapeProblems(validateShape.errors, input));
  // Kinds in the API's ALL_CAPS form (`MEETING`) stand for the stored ones (`Meeting`); export writes the stored form.
  const bundle: BundleInput = { ...input, nodes: input.nodes?.map((n) => ({ ...n, kind: storedKind(n.kind) })) };
  const problems: Problem[] = [];
  const { sources, texts } = validateSources(bundle, knownSources, problems);
  const checks: Checks = { problems, normTexts: new Map([...texts].map(([id, t]) => [id, normaliseWhitespace(t)])), defaultSource: bundle.defaultSource };
  const nodeIds = new Set<string>();
  const nodes = (bundle.nodes ?? []).map((n, i) => validateNode(checks, n, i, nodeIds));
  const relationIds = new Set<string>();
  const relations = (bundle.relations ?? []).map((r, i) => validateRelation(checks, r, i, { inBundle: nodeIds, known: knownNodeIds }, relationIds));
  if (problems.length > 0) throw new BundleError(problems);
  return { sources, nodes, relations };
}
