/**
 * "Which meeting adopted which plan under which article": one Cypher statement per page that also checks
 * the id filters and returns the entities of its rows, projected for the request's selection.
 */
import { cypher, type Executor } from '../../db/executor.js';
import { compileTemplate, flagsOn } from '../../db/template.js';
import type { NodeKind, RelationType } from '../../model/model.js';
import type { EntityRow } from '../entity/entity.mappers.js';
import { asIs, decoderOf, type Decode, type ModuleStatement } from '../../planner/planned.js';
import { dateValueOf, provenanceOf, statedPredicate } from '../relation/relation.provenance.js';
import type { ProvenanceRow } from '../relation/relation.mappers.js';
import type { AdoptionRowModel } from './adoption.mappers.js';

export interface AdoptionsQuery {
  meeting: string | null;
  instrument: string | null;
  article: string | null;
  relations: readonly string[] | null;
  /** Only relations the source states (basis STATED). */
  statedOnly: boolean;
  skip: number;
  limit: number;
  /** Count all rows (the operation selects totalCount). */
  total: boolean;
}

/** The id filters and the kind each must name. */
export const ADOPTION_ID_FILTERS = { meeting: 'Meeting', instrument: 'Instrument', article: 'Article' } as const satisfies Record<string, NodeKind>;
export type AdoptionIdFilter = keyof typeof ADOPTION_ID_FILTERS;

export interface AdoptionsPage {
  /** Id filters that name no entity of their kind, in argument order. */
  missing: AdoptionIdFilter[];
  rows: AdoptionRowModel[];
  /** Rows in all; null when not counted. */
  total: number | null;
}

/**
 * What the statement returns of each row's entities: projections the planner compiles from the selection (lists,
 * read with the statement's decoders), or maps by default.
 */
export interface AdoptionProjection {
  meeting: string;
  instrument: string;
  article: string;
}

/** Every property of every entity (what a caller without a selection gets). */
export const WHOLE: AdoptionProjection = { meeting: 'properties(m)', instrument: 'properties(i)', article: 'properties(a)' };

export type AdoptionFilters = {
  meeting: boolean;
  instrument: boolean;
  article: boolean;
  relations: boolean;
  statedOnly: boolean;
  total?: boolean;
  /** Return each row's sources and quotes (false: the selection does not read `sources`; the rows' are empty). */
  sources?: boolean;
  /** Return the date fields a row's date is read from (false: the selection does not read `date`; it is null). */
  dates?: boolean;
};

/** The text-changing choices of a request, for the statement caches. */
export const adoptionsShape = (filters: AdoptionFilters) => JSON.stringify(filters);

/**
 * The statement for one combination of filters and one projection: an absent filter is no text (see
 * src/db/template.ts). For a given selection the resolver has it compiled once and cached.
 */
export function adoptionsText(filters: AdoptionFilters, projection: AdoptionProjection = WHOLE): string {
  const sources = filters.sources !== false;
  const dates = filters.dates !== false;
  const on = flagsOn({ TOTAL: filters.total, NO_TOTAL: !filters.total, SOURCES: sources, NO_SOURCES: !sources, DATES: dates, NO_DATES: !dates, MEETING: filters.meeting, NO_MEETING: !filters.meeting, INSTRUMENT: filters.instrument, ARTICLE: filters.article, RELATIONS: filters.relations, STATED: filters.statedOnly });
  return compileTemplate(cypher('queries/adoption/adoptions'), on, { STATED: (v) => `AND ${statedPredicate(v)}` })
    .replace('/*MEETING_ROW*/', projection.meeting)
    .replace('/*INSTRUMENT_ROW*/', projection.instrument)
    .replace('/*ARTICLE_ROW*/', projection.article);
}

/** The filters present in a query (what changes the statement's text). */
export const adoptionFilters = (q: AdoptionsQuery): AdoptionFilters => ({ meeting: q.meeting !== null, instrument: q.instrument !== null, article: q.article !== null, relations: q.relations !== null, statedOnly: q.statedOnly, total: q.total });

/** Each source and quote once, in order (a row gathers them from several relations). */
export function distinctProvenance(rows: ProvenanceRow[]): ProvenanceRow[] {
  const seen = new Set<string>();
  return rows.filter((p) => {
    const key = `${p.sourceId}\u0000${p.quote}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

interface StoredRow {
  meetingId: string | null;
  instrumentId: string;
  relation: RelationType;
  articleId: string | null;
  sourceIds: string[];
  quotes: string[];
  /** The row's entities as projected for the selection (partial rows once decoded; see decoderOf). */
  meeting: unknown;
  instrument: unknown;
  article: unknown;
  /** The date properties a row's date is read from (null when `date` is not selected; the instrument's only for a row with no meeting). */
  meetingDate: Record<string, unknown> | null;
  instrumentDates: Record<string, unknown> | null;
}

/** A row as the statement returns it (see adoptions.cypher). */
type StoredList = [meetingId: string | null, instrumentId: string, relation: RelationType, articleId: string | null, meeting: unknown, instrument: unknown, article: unknown, meetingDate: Record<string, unknown> | null, instrumentDates: Record<string, unknown> | null, sourceIds: string[], quotes: string[]];

/** Names the values of a stored row. */
function storedRowOf([meetingId, instrumentId, relation, articleId, meeting, instrument, article, meetingDate, instrumentDates, sourceIds, quotes]: StoredList): StoredRow {
  return { meetingId, instrumentId, relation, articleId, meeting, instrument, article, meetingDate, instrumentDates, sourceIds, quotes };
}

/** Maps one stored row: the date is the meeting's, else the instrument's signing or adoption date. */
export function adoptionRowOf(r: StoredRow, decode: { meeting: Decode; instrument: Decode; article: Decode } = { meeting: asIs, instrument: asIs, article: asIs }): AdoptionRowModel {
  const date = r.meetingDate ? dateValueOf(r.meetingDate, 'date') : r.instrumentDates ? dateValueOf(r.instrumentDates, r.relation === 'SIGNED_BY' ? 'signed' : 'adopted') : null;
  return {
    meetingId: r.meetingId,
    instrumentId: r.instrumentId,
    relation: r.relation,
    articleId: r.articleId,
    date,
    provenance: distinctProvenance(provenanceOf(r)),
    meetingNode: decode.meeting(r.meeting) as EntityRow | null,
    instrumentNode: decode.instrument(r.instrument) as EntityRow,
    articleNode: decode.article(r.article) as EntityRow | null,
  };
}

export class AdoptionRepository {
  constructor(
    private readonly executor: Executor,
  ) {}

  /**
   * One page: `statement` is the text for this request's filters and selection (see adoptionsText; the
   * resolver has it compiled and cached), `params` the selection's own.
   */
  async page(q: AdoptionsQuery, statement: ModuleStatement = { text: adoptionsText(adoptionFilters(q)) }): Promise<AdoptionsPage> {
    const ids = (Object.keys(ADOPTION_ID_FILTERS) as AdoptionIdFilter[]).flatMap((argument) => {
      const id = q[argument];
      return id === null ? [] : [{ argument, id, kind: ADOPTION_ID_FILTERS[argument] }];
    });
    const [row] = await this.executor.readText(
      'queries/adoption/adoptions',
      statement.text,
      { ...statement.params, ids, meeting: q.meeting, instrument: q.instrument, article: q.article, relations: q.relations, skip: q.skip, limit: q.limit },
    );
    const stored = (row?.rows ?? []) as StoredList[];
    const decode = { meeting: decoderOf(statement, 'm'), instrument: decoderOf(statement, 'i'), article: decoderOf(statement, 'a') };
    return {
      missing: (row?.missing ?? []) as AdoptionIdFilter[],
      rows: stored.map((r) => adoptionRowOf(storedRowOf(r), decode)),
      total: row?.total === null || row?.total === undefined ? null : Number(row.total),
    };
  }
}
