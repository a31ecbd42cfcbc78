/** Dated events in order: one Cypher statement per page, which also checks the country filter's ids. */
import { cypher, type Executor } from '../../db/executor.js';
import { compileTemplate, flagsOn, statementTexts } from '../../db/template.js';
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

const texts = statementTexts();

/** The statement for one combination of filters: an absent filter is no text (see src/db/template.ts). */
export function timelineText(filters: { countries: boolean; kinds: boolean; from: boolean; to: boolean; statedOnly: boolean; total?: boolean }): string {
  const on = flagsOn({ TOTAL: filters.total, NO_TOTAL: !filters.total, COUNTRIES: filters.countries, KINDS: filters.kinds, FROM: filters.from, TO: filters.to, STATED: filters.statedOnly });
  return texts([...on].join('|'), () => compileTemplate(cypher('queries/timeline/timeline'), on, { STATED: (v) => `AND ${statedPredicate(v)}` }));
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
}

/** Maps one stored event, titled "<subject> <what happened>". */
export function timelineEventOf(e: StoredEvent): TimelineEventModel {
  return {
    id: e.id,
    kind: e.kind,
    date: e.date,
    title: `${e.subjectName} ${titles[e.kind] ?? ''}`.trim(),
    subjectId: e.subjectId,
    placeId: e.placeId,
    provenance: provenanceOf(e),
  };
}

export class TimelineRepository {
  constructor(
    private readonly executor: Executor,
  ) {}

  async page(q: TimelineQuery): Promise<TimelinePage> {
    const text = timelineText({ countries: q.countries !== null, kinds: q.kinds !== null, from: q.from !== null, to: q.to !== null, statedOnly: q.statedOnly, total: q.total });
    const [row] = await this.executor.readText(
      'queries/timeline/timeline',
      text,
      { countries: q.countries ?? [], kinds: q.kinds, from: q.from, to: q.to, skip: q.skip, limit: q.limit },
    );
    return {
      missing: (row?.missing ?? []) as string[],
      events: ((row?.events ?? []) as StoredEvent[]).map(timelineEventOf),
      total: row?.total === null || row?.total === undefined ? null : Number(row.total),
    };
  }
}
