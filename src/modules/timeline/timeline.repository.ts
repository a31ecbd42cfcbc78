/** Dated events in order: one Cypher statement per page, which also checks the country filter's ids. */
import { cypher, type Executor } from '../../db/executor.js';
import { compileTemplate, flagsOn } from '../../db/template.js';
import type { EntityRow } from '../entity/entity.mappers.js';
import { asIs, decoderOf, type Decode, type ModuleStatement } from '../../planner/planned.js';
import { provenanceOf, statedPredicate } from '../relation/relation.provenance.js';
import type { TimelineEventModel } from './timeline.mappers.js';

export interface TimelineQuery {
  countries: readonly string[] | null;
  kinds: readonly string[] | null;
  /** ISO day bounds (see dateBound). */
  from: string | null;
  to: string | null;
  /** Only claims the source states: relations of basis STATED, dates the curator did not infer. */
  statedOnly: boolean;
  skip: number;
  limit: number;
  /** Count all events (the operation selects totalCount). */
  total: boolean;
}

export interface TimelinePage {
  /** Country ids that name no country, in argument order. */
  missing: string[];
  events: TimelineEventModel[];
  /** Events in all; null when not counted. */
  total: number | null;
}

const titles: Record<string, string> = {
  MEETING: 'held',
  SIGNING: 'signed',
  ADOPTION: 'adopted',
  DRAFTING: 'drafted',
  PLAN_PERIOD: 'period',
  PLAN_END: 'ends',
  DEADLINE: 'due',
  ROLE: 'holds the role',
};

/**
 * What the statement returns of each event's subject and place: projections the planner compiles from the
 * selection (lists, read with the statement's decoders), or maps by default.
 */
export interface TimelineProjection {
  subject: string;
  place: string;
}

/** Every property of both (what a caller without a selection gets). */
export const WHOLE: TimelineProjection = { subject: 'properties(subject)', place: 'properties(place)' };

export type TimelineFilters = { countries: boolean; kinds: boolean; from: boolean; to: boolean; statedOnly: boolean; total?: boolean };

/** The filters present in a query (what changes the statement's text). */
export const timelineFilters = (q: TimelineQuery): TimelineFilters => ({ countries: q.countries !== null, kinds: q.kinds !== null, from: q.from !== null, to: q.to !== null, statedOnly: q.statedOnly, total: q.total });

/** The text-changing choices of a request, for the statement caches. */
export const timelineShape = (filters: TimelineFilters) => JSON.stringify(filters);

/**
 * The statement for one combination of filters and one projection: an absent filter is no text (see
 * src/db/template.ts). For a given selection the resolver has it compiled once and cached.
 */
export function timelineText(filters: TimelineFilters, projection: TimelineProjection = WHOLE): string {
  const on = flagsOn({ TOTAL: filters.total, NO_TOTAL: !filters.total, COUNTRIES: filters.countries, KINDS: filters.kinds, FROM: filters.from, TO: filters.to, STATED: filters.statedOnly });
  return compileTemplate(cypher('queries/timeline/timeline'), on, { STATED: (v) => `AND ${statedPredicate(v)}` })
    .replace('/*SUBJECT*/', projection.subject)
    .replace('/*PLACE*/', projection.place);
}

interface StoredEvent {
  id: string;
  kind: TimelineEventModel['kind'];
  subjectId: string;
  subjectName: string;
  date: TimelineEventModel['date'];
  placeId: string | null;
  sourceIds: string[];
  quotes: string[];
  /** The subject and place as projected for the selection (partial rows once decoded; see decoderOf). */
  subjectNode: unknown;
  placeNode: unknown;
}

/** An event as the statement returns it (see timeline.cypher). */
type StoredList = [id: string, kind: TimelineEventModel['kind'], subjectId: string, subjectName: string, date: TimelineEventModel['date'], placeId: string | null, sourceIds: string[], quotes: string[], subjectNode: unknown, placeNode: unknown];

/** Names the values of a stored event. */
function storedEventOf([id, kind, subjectId, subjectName, date, placeId, sourceIds, quotes, subjectNode, placeNode]: StoredList): StoredEvent {
  return { id, kind, subjectId, subjectName, date, placeId, sourceIds, quotes, subjectNode, placeNode };
}

/** Maps one stored event, titled "<subject> <what happened>". */
export function timelineEventOf(e: StoredEvent, subject: Decode = asIs, place: Decode = asIs): TimelineEventModel {
  return {
    id: e.id,
    kind: e.kind,
    date: e.date,
    title: `${e.subjectName} ${titles[e.kind] ?? ''}`.trim(),
    subjectId: e.subjectId,
    placeId: e.placeId,
    provenance: provenanceOf(e),
    subjectNode: subject(e.subjectNode) as EntityRow,
    placeNode: place(e.placeNode) as EntityRow | null,
  };
}

export class TimelineRepository {
  constructor(
    private readonly executor: Executor,
  ) {}

  /**
   * One page: `statement` is the text for this request's filters and selection (see timelineText; the
   * resolver has it compiled and cached), `params` the selection's own.
   */
  async page(q: TimelineQuery, statement: ModuleStatement = { text: timelineText(timelineFilters(q)) }): Promise<TimelinePage> {
    const [row] = await this.executor.readText(
      'queries/timeline/timeline',
      statement.text,
      { ...statement.params, countries: q.countries ?? [], kinds: q.kinds, from: q.from, to: q.to, skip: q.skip, limit: q.limit },
    );
    const subject = decoderOf(statement, 'subject');
    const place = decoderOf(statement, 'place');
    return {
      missing: (row?.missing ?? []) as string[],
      events: ((row?.events ?? []) as StoredList[]).map((e) => timelineEventOf(storedEventOf(e), subject, place)),
      total: row?.total === null || row?.total === undefined ? null : Number(row.total),
    };
  }
}
