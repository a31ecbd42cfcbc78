/**
 * "Which meeting adopted which plan under which article": one Cypher statement per page that also checks
 * the id filters and returns the entities of its rows (for the node loader).
 */
import { cypher, type Executor } from '../../db/executor.js';
import { compileTemplate, flagsOn, statementTexts } from '../../db/template.js';
import type { NodeKind, RelationType } from '../../model/model.js';
import type { EntityRow } from '../entity/entity.mappers.js';
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
  /** Meetings, instruments and articles of the rows (for the node loader). */
  entities: EntityRow[];
}

const texts = statementTexts();

/** The statement for one combination of filters: an absent filter is no text (see src/db/template.ts). */
export function adoptionsText(filters: { meeting: boolean; instrument: boolean; article: boolean; relations: boolean; statedOnly: boolean; total?: boolean }): string {
  const on = flagsOn({ TOTAL: filters.total, NO_TOTAL: !filters.total, MEETING: filters.meeting, INSTRUMENT: filters.instrument, ARTICLE: filters.article, RELATIONS: filters.relations, STATED: filters.statedOnly });
  return texts([...on].join('|'), () => compileTemplate(cypher('queries/adoption/adoptions'), on, { STATED: (v) => `AND ${statedPredicate(v)}` }));
}

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
  meeting: EntityRow | null;
  instrument: EntityRow;
  article: EntityRow | null;
}

/** Maps one stored row: the date is the meeting's, else the instrument's signing or adoption date. */
export function adoptionRowOf(r: StoredRow): AdoptionRowModel {
  const date = r.meeting ? dateValueOf(r.meeting, 'date') : dateValueOf(r.instrument, r.relation === 'SIGNED_BY' ? 'signed' : 'adopted');
  return { meetingId: r.meetingId, instrumentId: r.instrumentId, relation: r.relation, articleId: r.articleId, date, provenance: distinctProvenance(provenanceOf(r)) };
}

export class AdoptionRepository {
  constructor(
    private readonly executor: Executor,
  ) {}

  async page(q: AdoptionsQuery): Promise<AdoptionsPage> {
    const ids = (Object.keys(ADOPTION_ID_FILTERS) as AdoptionIdFilter[]).flatMap((argument) => {
      const id = q[argument];
      return id === null ? [] : [{ argument, id, kind: ADOPTION_ID_FILTERS[argument] }];
    });
    const text = adoptionsText({ meeting: q.meeting !== null, instrument: q.instrument !== null, article: q.article !== null, relations: q.relations !== null, statedOnly: q.statedOnly, total: q.total });
    const [row] = await this.executor.readText(
      'queries/adoption/adoptions',
      text,
      { ids, meeting: q.meeting, instrument: q.instrument, article: q.article, relations: q.relations, skip: q.skip, limit: q.limit },
    );
    const stored = (row?.rows ?? []) as StoredRow[];
    return {
      missing: (row?.missing ?? []) as AdoptionIdFilter[],
      rows: stored.map(adoptionRowOf),
      total: row?.total === null || row?.total === undefined ? null : Number(row.total),
      entities: stored.flatMap((r) => [r.meeting, r.instrument, r.article].filter((n): n is EntityRow => n !== null)),
    };
  }
}
