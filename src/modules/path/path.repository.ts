/**
 * Shortest path(s) between two entities, hop by hop: one bounded Cypher statement that also returns the
 * entities on the paths. The search has a short timeout of its own (PATH_TIMEOUT_MS, default 2 s) and
 * never falls back to an exhaustive search (see cypher/queries/path/path.cypher).
 */
import { pathTimeoutMs } from '../../config.js';
import { cypher, type Executor } from '../../db/executor.js';
import { statementTexts } from '../../db/template.js';
import type { RelationType } from '../../model/model.js';
import type { EntityRow } from '../entity/entity.mappers.js';
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

/** The paths found, the entities on them (for the node loader), or which end does not exist. */
export type PathRead = { missing: 'from' | 'to' } | { missing: null; paths: PathModel[]; entities: EntityRow[] };

const texts = statementTexts();

/** The statement for one search mode, length bound and basis filter; the same text every time (plan cache hits). */
export function connectionText(all: boolean, maxLength: number, statedOnly = false): string {
  return texts(`${all}|${maxLength}|${statedOnly}`, () => {
    return cypher('queries/path/path')
      .replaceAll('/*SEARCH*/', all ? 'ALL SHORTEST' : 'SHORTEST 1')
      .replaceAll('/*MAX*/', String(maxLength))
      .replaceAll(' /*STATED*/', statedOnly ? ` AND ${statedPredicate('r')}` : '');
  });
}

interface StoredPath {
  nodes: EntityRow[];
  rels: { type: RelationType; from: string; to: string; props: Record<string, unknown> }[];
}

/** Maps the statement's one row: each path's entity ids in order and its hops, each hop walked from one entity to the next. */
export function pathsOf(row: Record<string, unknown> | undefined): PathRead {
  if (!row?.fromFound) return { missing: 'from' };
  if (!row.toFound) return { missing: 'to' };
  const stored = row.paths as StoredPath[];
  const paths = stored.map((path): PathModel => {
    const nodeIds = path.nodes.map((n) => n.id);
    return { nodeIds, hops: path.rels.map((rel, i) => ({ fromId: nodeIds[i]!, toId: nodeIds[i + 1]!, relation: relationRow(rel.type, rel.from, rel.to, rel.props) })) };
  });
  return { missing: null, paths, entities: stored.flatMap((p) => p.nodes) };
}

export class PathRepository {
  constructor(
    private readonly executor: Executor,
  ) {}

  async paths(q: PathQuery): Promise<PathRead> {
    const [row] = await this.executor.readText(
      q.all ? 'queries/path/path (all)' : 'queries/path/path',
      connectionText(q.all, q.maxLength, q.statedOnly),
      { from: q.from, to: q.to, limit: q.limit, exclude: q.excludeTypes },
      SEARCH_TIMEOUT_MS,
    );
    return pathsOf(row);
  }
}
