/** Ranked search: exact name and alias matches first, then full-text hits; one Cypher statement per page. */
import { cypher, type Executor } from '../../db/executor.js';
import { compileTemplate, flagsOn } from '../../db/template.js';
import type { EntityRow } from '../entity/entity.mappers.js';
import { asIs, decoderOf, type Decode, type ModuleStatement } from '../../planner/planned.js';
import type { SearchHitModel } from './search.mappers.js';
import { FIELDS, matchedPassage, type Term } from './search.query.js';

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
}

/**
 * What the statement returns of each hit's entity: a projection the planner compiles from the selection (a list,
 * read with the statement's decoder), or a map by default.
 */
export interface SearchProjection {
  /** The projection of the entity, variable `node`. */
  node: string;
  /** Whether any hit's `field` or `passage` is selected (then the passage's fields are read too). */
  passage: boolean;
}

/** Every property of every entity, and the passage (what a caller without a selection gets). */
export const WHOLE: SearchProjection = { node: 'node {.*}', passage: true };

/**
 * The statement with or without a kinds filter and a count, for one projection; for a given selection
 * the resolver has it compiled once and cached, so the text is the same every time (plan cache hits).
 */
export function searchText(kinds: boolean, total = false, projection: SearchProjection = WHOLE): string {
  const passage = `node {${FIELDS.map(([, prop]) => `.${prop}`).join(', ')}}`;
  return compileTemplate(cypher('queries/search/search'), flagsOn({ KINDS: kinds, TOTAL: total, NO_TOTAL: !total }))
    .replace('/*NODE*/', projection.node)
    .replace('/*PASSAGE*/', projection.passage ? passage : 'null');
}

/** The text-changing choices of a request, for the statement caches. */
export const searchShape = (kinds: boolean, total: boolean) => `${kinds}|${total}`;

/**
 * Maps the statement's row: each hit with its entity (a partial row, as the selection projected it) and,
 * when they were asked for, the field and passage that matched.
 */
export function searchPageOf(row: Record<string, unknown> | undefined, terms: Term[], key: string, decodeNode: Decode = asIs): SearchPage {
  const stored = (row?.page ?? []) as [node: unknown, passageFrom: Record<string, unknown> | null, score: number, exact: boolean][];
  return {
    hits: stored.map(([value, passageFrom, score, exact]) => {
      const node = decodeNode(value) as EntityRow;
      return {
        nodeId: node.id,
        node,
        score: Number(score),
        exact: Boolean(exact),
        matched: passageFrom ? matchedPassage(passageFrom, terms, key) : null,
      };
    }),
    total: row?.total === null || row?.total === undefined ? null : Number(row.total),
  };
}

export class SearchRepository {
  constructor(
    private readonly executor: Executor,
  ) {}

  /**
   * One page of ranked hits: `statement` is the text for this request's filters and selection (see
   * searchText; the resolver has it compiled and cached), `params` the selection's own.
   */
  async search(q: SearchQuery, statement: ModuleStatement = { text: searchText(q.kinds !== null, q.total) }): Promise<SearchPage> {
    const [row] = await this.executor.readText(
      'queries/search/search',
      statement.text,
      // The page never reaches past the MAX_HITS best hits (what the count is capped at).
      { ...statement.params, query: q.query, key: q.key, kinds: q.kinds, fetch: MAX_HITS, skip: q.skip, limit: Math.max(0, Math.min(q.limit, MAX_HITS - q.skip)) },
    );
    return searchPageOf(row, q.terms, q.key, decoderOf(statement, 'node'));
  }
}
