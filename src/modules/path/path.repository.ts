/**
 * Shortest path(s) between two entities, hop by hop: one bounded Cypher statement that also returns the
 * entities on the paths. The search has a short timeout of its own (PATH_TIMEOUT_MS, default 2 s) and
 * never falls back to an exhaustive search (see cypher/queries/path/path.cypher).
 */
import { pathTimeoutMs } from '../../config.js';
import { cypher, type Executor } from '../../db/executor.js';
import type { RelationType } from '../../model/model.js';
import type { EntityRow } from '../entity/entity.mappers.js';
import { asIs, decoderOf, type Decode, type ModuleStatement } from '../../planner/planned.js';
import { relationRow } from '../relation/relation.mappers.js';
import { statedPredicate } from '../relation/relation.provenance.js';
import type { PathModel } from './path.mappers.js';

/** Server-side timeout of one path or neighbourhood statement. */
export const SEARCH_TIMEOUT_MS = pathTimeoutMs();

export interface PathQuery {
  from: string;
  to: string;
  maxLength: number;
  /** All shortest paths, or one. */
  all: boolean;
  limit: number;
  excludeTypes: readonly string[];
  /** Walk only relations the source states (basis STATED). */
  statedOnly: boolean;
}

/** The paths found, or which end does not exist. */
export type PathRead = { missing: 'from' | 'to' } | { missing: null; paths: PathModel[] };

/**
 * What the statement returns of each entity and hop: a projection the planner compiles from the selection (a
 * list, read with the statement's decoder), or a map by default.
 */
export interface PathProjection {
  /** The projection of every entity on a path, variable `n`. */
  node: string;
  /** Whether hops carry their relation's properties (else only its id). */
  relationProperties: boolean;
}

/** Every property of every entity and relation (what a caller without a selection gets). */
export const WHOLE: PathProjection = { node: 'n {.*}', relationProperties: true };

/**
 * The statement for one search mode, length bound, basis filter and projection; for a given selection the
 * resolver has it compiled once and cached, so the text is the same every time (plan cache hits).
 */
export function connectionText(all: boolean, maxLength: number, statedOnly = false, projection: PathProjection = WHOLE): string {
  return cypher('queries/path/path')
    .replaceAll('/*SEARCH*/', all ? 'allShortestPaths' : 'shortestPath')
    .replaceAll('/*MAX*/', String(maxLength))
    .replaceAll(' /*STATED*/', statedOnly ? ` AND ${statedPredicate('r')}` : '')
    .replace('/*NODE*/', projection.node)
    .replace('/*RELATION*/', projection.relationProperties ? 'x {.*}' : '{id: x.id}');
}

/** The text-changing choices of a request, for the statement caches. */
export const connectionShape = (all: boolean, maxLength: number, statedOnly: boolean) => `${all}|${maxLength}|${statedOnly}`;

/** A path as the statement returns it: each entity as projected for the selection (a partial row once decoded; see decoderOf), each relation's type, ends and properties. */
type StoredPath = [nodes: unknown[], rels: [type: RelationType, from: string, to: string, props: Record<string, unknown>][]];

/**
 * Maps the statement's one row: each path's entities in order (partial rows, as the selection projected
 * them) and its hops, each hop walked from one entity to the next.
 */
export function pathsOf(row: Record<string, unknown> | undefined, decodeNode: Decode = asIs): PathRead {
  if (!row?.fromFound) return { missing: 'from' };
  if (!row.toFound) return { missing: 'to' };
  const stored = row.paths as StoredPath[];
  const paths = stored.map(([values, rels]): PathModel => {
    const nodes = values.map((n) => decodeNode(n) as EntityRow);
    return {
      nodes,
      hops: rels.map(([type, from, to, props], i) => ({ from: nodes[i]!, to: nodes[i + 1]!, relation: relationRow(type, from, to, props) })),
    };
  });
  return { missing: null, paths };
}

export class PathRepository {
  constructor(
    private readonly executor: Executor,
  ) {}

  /**
   * Runs the path statement: `statement` is its text for this request's choices and selection (see
   * connectionText; the resolver has it compiled and cached), `params` the selection's own.
   */
  async paths(q: PathQuery, statement: ModuleStatement = { text: connectionText(q.all, q.maxLength, q.statedOnly) }): Promise<PathRead> {
    const [row] = await this.executor.readText(
      q.all ? 'queries/path/path (all)' : 'queries/path/path',
      statement.text,
      { ...statement.params, from: q.from, to: q.to, limit: q.limit, exclude: q.excludeTypes },
      SEARCH_TIMEOUT_MS,
    );
    return pathsOf(row, decoderOf(statement, 'n'));
  }
}
