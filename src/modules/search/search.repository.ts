/** Ranked search: exact name and alias matches first, then full-text hits; one Cypher statement per page. */
import { cypher, type Executor } from '../../db/executor.js';
import { compileTemplate, flagsOn, statementTexts } from '../../db/template.js';
import type { EntityRow } from '../entity/entity.mappers.js';
import type { SearchHitModel } from './search.mappers.js';
import { matchedPassage, type Term } from './search.query.js';

/** Hits ranked per request; pages beyond this are not offered. */
export const MAX_HITS = 500;

export interface SearchQuery {
  /** The Lucene query, its words and lookup form (see luceneQuery). */
  query: string;
  terms: Term[];
  key: string;
  kinds: readonly string[] | null;
  skip: number;
  limit: number;
  /** Count all hits (the operation selects totalCount). */
  total: boolean;
}

export interface SearchPage {
  hits: SearchHitModel[];
  /** Hits in all (at most MAX_HITS); null when not counted. */
  total: number | null;
  /** The entities found (for the node loader). */
  entities: EntityRow[];
}

const texts = statementTexts();

/** The statement with or without a kinds filter and a count; the same text every time (plan cache hits). */
export function searchText(kinds: boolean, total = false): string {
  return texts(`${kinds}|${total}`, () => compileTemplate(cypher('queries/search/search'), flagsOn({ KINDS: kinds, TOTAL: total, NO_TOTAL: !total })));
}

/** Maps the statement's row: each hit with the field and passage that matched. */
export function searchPageOf(row: Record<string, unknown> | undefined, terms: Term[], key: string): SearchPage {
  const stored = (row?.page ?? []) as { node: EntityRow; score: number; exact: boolean }[];
  return {
    hits: stored.map((h) => ({ nodeId: h.node.id, score: Number(h.score), exact: Boolean(h.exact), ...matchedPassage(h.node, terms, key) })),
    total: row?.total === null || row?.total === undefined ? null : Number(row.total),
    entities: stored.map((h) => h.node),
  };
}

export class SearchRepository {
  constructor(
    private readonly executor: Executor,
  ) {}

  async search(q: SearchQuery): Promise<SearchPage> {
    const [row] = await this.executor.readText(
      'queries/search/search',
      searchText(q.kinds !== null, q.total),
      { query: q.query, key: q.key, kinds: q.kinds, fetch: MAX_HITS, skip: q.skip, limit: q.limit },
    );
    return searchPageOf(row, q.terms, q.key);
  }
}
