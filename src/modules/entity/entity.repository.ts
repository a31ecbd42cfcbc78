/**
 * Entity reads outside the planner. Batched lookups (by id, relations of ids) back the per-request
 * loaders in context.ts for rows the planner did not compile (see src/planner/planner.ts); `node`,
 * `lookup` and `entities` are compiled statements.
 */
import type { Executor, Row } from '../../db/executor.js';
import type { NodeKind, RelationType } from '../../model/model.js';
import { relationRow, type RelationRow } from '../relation/relation.mappers.js';
import type { EntityRow } from './entity.mappers.js';

export type RelationDirection = 'out' | 'in' | 'both';

export interface RelationView {
  relation: RelationRow;
  outgoing: boolean;
  other: EntityRow;
}

/** A typed relation list: its relation types, direction, the kind at the other end (null: any) and its order. */
export interface TypedList {
  types: readonly string[];
  direction: 'out' | 'in';
  kind?: string | null;
  /** By name only (MeetingInstrument.articles, as the planner orders them); else by position, then name. */
  byName?: boolean;
}

/** Relations fetched per entity; beyond this, `relations` lists are cut (the neighbourhood reports truncation). */
export const RELATIONS_PER_NODE = 2000;

export class EntityRepository {
  constructor(
    private readonly executor: Executor,
  ) {}

  /** Runs a statement the planner compiled (src/planner) for `node`, `lookup` or `entities`. */
  compiled(statement: { name: string; text: string }, params: Record<string, unknown>): Promise<Row[]> {
    return this.executor.readText(statement.name, statement.text, params);
  }

  async byIds(ids: readonly string[]): Promise<Map<string, EntityRow>> {
    const rows = await this.executor.read('queries/entity/nodes-by-ids', { ids });
    return new Map(rows.map((r) => [(r.node as EntityRow).id, r.node as EntityRow]));
  }

  /** Relations of the entities, only of `types` (null: all) and in one `direction` when given. */
  async relationsOf(ids: readonly string[], types: readonly string[] | null = null, direction: RelationDirection = 'both'): Promise<Map<string, RelationView[]>> {
    const rows = await this.executor.read('queries/relation/relations-of', { ids, types, direction, perNode: RELATIONS_PER_NODE });
    const out = new Map<string, RelationView[]>(ids.map((id) => [id, []]));
    for (const r of rows) {
      const id = r.id as string;
      const other = r.other as EntityRow;
      const outgoing = r.outgoing as boolean;
      const props = r.props as Record<string, unknown>;
      out.get(id)!.push({
        outgoing,
        other,
        relation: relationRow(r.type as RelationType, outgoing ? id : other.id, outgoing ? other.id : id, props),
      });
    }
    for (const views of out.values()) views.sort((a, b) => a.relation.type.localeCompare(b.relation.type) || a.other.name.localeCompare(b.other.name));
    return out;
  }

  /**
   * One typed relation list of each entity (queries/relation/typed-relations-of), ordered and cut as the
   * planner orders and cuts it: by position, then name ignoring case, then id (`byName`: by name only), at
   * most `limit` per entity. That order is the list's order: nothing re-sorts it.
   */
  async typedRelationsOf(ids: readonly string[], list: TypedList, limit: number): Promise<Map<string, RelationView[]>> {
    const params = { ids, types: list.types, direction: list.direction, kind: list.kind ?? null, byName: list.byName ?? false, limit };
    const rows = await this.executor.read('queries/relation/typed-relations-of', params);
    const out = new Map<string, RelationView[]>(ids.map((id) => [id, []]));
    for (const r of rows) {
      const id = r.id as string;
      const other = r.other as EntityRow;
      const outgoing = r.outgoing as boolean;
      out.get(id)!.push({ outgoing, other, relation: relationRow(r.type as RelationType, outgoing ? id : other.id, outgoing ? other.id : id, r.props as Record<string, unknown>) });
    }
    return out;
  }

  async stats() {
    const [row] = await this.executor.read('queries/entity/stats', {});
    return {
      nodesByKind: (row?.nodesByKind ?? []) as { kind: NodeKind; count: number }[],
      relationsByType: (row?.relationsByType ?? []) as { type: RelationType; count: number }[],
      sources: Number(row?.sources ?? 0),
    };
  }
}
