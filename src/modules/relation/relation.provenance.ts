/** Provenance and dates as stored on nodes and relations (parallel sourceIds/quotes lists, <field>_* date props). */
import type { DatePrecision, DateQualifier } from '../../generated/resolvers-types.js';
import type { Basis } from '../../model/model.js';
import type { ProvenanceRow } from './relation.mappers.js';

/** Pairs the parallel sourceIds/quotes lists of a stored node, relation or query row. */
export function provenanceOf(props: { sourceIds?: unknown; quotes?: unknown }): ProvenanceRow[] {
  const ids = (props.sourceIds ?? []) as string[];
  const quotes = (props.quotes ?? []) as string[];
  return ids.map((sourceId, i) => ({ sourceId, quote: quotes[i] ?? '' }));
}

/** A DateValue as resolvers return it (codegen's mapper for DateValue): precision and qualifier are the enums' values. */
export interface DateValueModel {
  text: string;
  start: string;
  end: string;
  precision: DatePrecision;
  qualifier: DateQualifier | null;
}

const PRECISIONS: readonly DatePrecision[] = ['YEAR', 'MONTH', 'DAY'];
const QUALIFIERS: readonly DateQualifier[] = ['EARLY', 'MID', 'LATE', 'MID_LATE'];

export function dateValueOf(props: Record<string, unknown>, field: string): DateValueModel | null {
  const start = props[`${field}_start`];
  if (typeof start !== 'string') return null;
  return {
    text: String(props[`${field}_text`] ?? start),
    start,
    end: String(props[`${field}_end`] ?? start),
    precision: PRECISIONS.find((p) => p === props[`${field}_precision`]) ?? 'DAY',
    qualifier: QUALIFIERS.find((q) => q === props[`${field}_qualifier`]) ?? null,
  };
}

const internalRelationProps = new Set(['id', 'sourceIds', 'quotes', 'quoteText', 'version', 'retired', 'basis', 'reasoning']);

/** The relation's qualifiers (level, sequence...) as key/value text pairs, dates and provenance excluded. */
export function qualifiersOf(props: Record<string, unknown>): { key: string; value: string }[] {
  return Object.entries(props)
    .filter(([key, value]) => !internalRelationProps.has(key) && !key.startsWith('date_') && value !== null && value !== undefined)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => ({ key, value: String(value) }));
}

/** A relation's basis; relations stored before bases existed were loaded as statements. */
export function basisOf(props: Record<string, unknown>): Basis {
  return props.basis === 'INFERRED' ? 'INFERRED' : 'STATED';
}

/**
 * What a stated-only filter compiles into for the relation variable `v`: the rule of `basisOf` in Cypher
 * (a relation without a basis is a statement). Compiled in only when asked, never `$flag OR ...`.
 */
export function statedPredicate(v: string): string {
  return `coalesce(${v}.basis, 'STATED') <> 'INFERRED'`;
}

/** The premises of an inferred relation (its quotes); a stated relation has none. */
export function premisesOf(props: Record<string, unknown>): ProvenanceRow[] {
  return basisOf(props) === 'INFERRED' ? provenanceOf(props) : [];
}

/** An entity property claim the curator inferred: the property (and value, for a list), why, and the premises. */
export interface PropertyInferenceModel {
  property: string;
  value: string | null;
  reasoning: string;
  premises: ProvenanceRow[];
}

/** The inferred property claims stored on an entity (see INFERENCE_PROPS in src/bundle/validate.ts). */
/** The stored properties `inferencesOf` reads (the planner projects exactly these for `inferences`). */
export const INFERENCE_PROPERTIES = ['inferredProperties', 'inferredValues', 'inferredReasoning', 'inferredPremiseOf', 'inferredPremiseSourceIds', 'inferredPremiseQuotes'] as const;

export function inferencesOf(props: Record<string, unknown>): PropertyInferenceModel[] {
  const properties = (props.inferredProperties ?? []) as string[];
  const values = (props.inferredValues ?? []) as string[];
  const reasoning = (props.inferredReasoning ?? []) as string[];
  const owners = ((props.inferredPremiseOf ?? []) as unknown[]).map(Number);
  const sources = (props.inferredPremiseSourceIds ?? []) as string[];
  const quotes = (props.inferredPremiseQuotes ?? []) as string[];
  return properties.map((property, k) => ({
    property,
    value: values[k] || null,
    reasoning: reasoning[k] ?? '',
    premises: owners.flatMap((owner, q) => (owner === k ? [{ sourceId: sources[q]!, quote: quotes[q] ?? '' }] : [])),
  }));
}
