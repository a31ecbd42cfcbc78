/**
 * Per-request context: one repository per module (each runs its module's named statements through the
 * executor and maps the rows; resolvers call repositories only), a round-trip counter and a fresh set of
 * DataLoaders (the DataLoader README's rule: one loader per request, results in key order). `node`,
 * `lookup` and `entities` compile their whole selection into one statement (src/planner); the loaders
 * serve what the planner does not compile: `nodes(ids)`, Provenance sources, and relation fields of
 * entities reached from other root fields (adoptions, lineage, search...), where every sibling asking in
 * one tick is one Cypher statement.
 */
import DataLoader from 'dataloader';
import type { Actor } from './auth/api-keys.js';
import { RefusalLog } from './auth/refusals.js';
import type { Executor, RoundTripCounter } from './db/executor.js';
import type { EntityRow } from './modules/entity/entity.mappers.js';
import { EntityRepository, type RelationView, type TypedList } from './modules/entity/entity.repository.js';
import { ResponseWarnings } from './graphql/warnings.js';
import { RELATIONS_FETCHED_PER_FIELD } from './planner/planner.js';
import type { SourceRow } from './modules/source/source.mappers.js';
import { SourceRepository } from './modules/source/source.repository.js';
import { CurationRepository } from './modules/curation/curation.repository.js';
import { AdoptionRepository } from './modules/adoption/adoption.repository.js';
import { LineageRepository } from './modules/lineage/lineage.repository.js';
import { NeighbourhoodRepository } from './modules/neighbourhood/neighbourhood.repository.js';
import { PathRepository } from './modules/path/path.repository.js';
import { SearchRepository } from './modules/search/search.repository.js';
import { SuggestionRepository } from './modules/suggestion/suggestion.repository.js';
import { TimelineRepository } from './modules/timeline/timeline.repository.js';

/** What a typed relation field asks for: one entity's list of some types, in one direction, maybe of one kind. */
export interface RelationKey extends TypedList {
  id: string;
}

/** Keys that ask for the same list (types, direction, kind, order) are fetched together; the cache key adds the entity id. */
const relationGroup = (k: RelationKey) => `${k.types.join(',')}|${k.direction}|${k.kind ?? '*'}|${k.byName ? 'name' : 'position'}`;
const relationKey = (k: RelationKey) => `${k.id}|${relationGroup(k)}`;

export interface Loaders {
  node: DataLoader<string, EntityRow | null>;
  /** All relations of an entity (generic `relations` field). */
  relations: DataLoader<string, RelationView[]>;
  /** Typed relation fields: keys asking for the same list are one statement, each list cut at RELATIONS_FETCHED_PER_FIELD. */
  typedRelations: DataLoader<RelationKey, RelationView[], string>;
  source: DataLoader<string, SourceRow | null>;
}

export interface Context {
  counter: RoundTripCounter;
  entities: EntityRepository;
  sources: SourceRepository;
  curation: CurationRepository;
  adoptions: AdoptionRepository;
  lineages: LineageRepository;
  paths: PathRepository;
  timeline: TimelineRepository;
  neighbourhoods: NeighbourhoodRepository;
  search: SearchRepository;
  /** Ids suggested when an id argument names nothing (NOT_FOUND). */
  suggestions: SuggestionRepository;
  loaders: Loaders;
  /** Warnings for the response (`extensions.warnings`), e.g. a typed list cut at its cap. */
  warnings: ResponseWarnings;
  requestId: string;
  /** Refused requests (shared by the service, so its per-minute cap holds across requests). */
  refusals: RefusalLog;
  /** The caller: null without a bearer key, 'invalid' for an unknown or revoked one. Reads ignore it. */
  auth: Actor | null | 'invalid';
}

/**
 * Loaders dispatch on setImmediate rather than the next tick, so every load issued while resolving one
 * level of the selection (across promise chains) lands in the same batch: round trips follow the shape
 * of the query, not the timing of its rows.
 */
const batchScheduleFn = (dispatch: () => void) => setImmediate(dispatch);

/** What the HTTP layer knows of a request: its caller (authenticated once, in src/server.ts) and the service's refusal log. */
export interface RequestInfo {
  auth?: Actor | null | 'invalid';
  refusals?: RefusalLog;
}

/**
 * The context of one request. Its repositories read through the request's own view of the executor
 * (Executor.forRequest): the view counts the statements (the context's `counter`) and puts the request
 * id in every statement's metadata.
 */
export function createContext(service: Executor, requestId: string, request: RequestInfo = {}): Context {
  const executor = service.forRequest(requestId);
  const counter = executor.counter;
  const entities = new EntityRepository(executor);
  const sources = new SourceRepository(executor);
  const node: DataLoader<string, EntityRow | null> = new DataLoader(
    async (ids) => {
      const found = await entities.byIds(ids);
      return ids.map((id) => found.get(id) ?? null);
    },
    { batchScheduleFn },
  );
  const relations = new DataLoader<string, RelationView[]>(
    async (ids) => {
      const found = await entities.relationsOf(ids);
      for (const views of found.values()) for (const v of views) node.prime(v.other.id, v.other);
      return ids.map((id) => found.get(id) ?? []);
    },
    { batchScheduleFn },
  );
  const typedRelations = new DataLoader<RelationKey, RelationView[], string>(
    async (keys) => {
      const groups = new Map<string, RelationKey[]>();
      for (const key of keys) {
        const group = relationGroup(key);
        if (!groups.has(group)) groups.set(group, []);
        groups.get(group)!.push(key);
      }
      const found = new Map<string, RelationView[]>();
      await Promise.all(
        [...groups.values()].map(async (group) => {
          const result = await entities.typedRelationsOf([...new Set(group.map((k) => k.id))], group[0]!, RELATIONS_FETCHED_PER_FIELD);
          for (const k of group) found.set(relationKey(k), result.get(k.id) ?? []);
        }),
      );
      return keys.map((k) => {
        const views = found.get(relationKey(k)) ?? [];
        for (const v of views) node.prime(v.other.id, v.other);
        return views;
      });
    },
    { cacheKeyFn: relationKey, batchScheduleFn },
  );
  const source = new DataLoader<string, SourceRow | null>(
    async (ids) => {
      const found = await sources.byIds(ids);
      return ids.map((id) => found.get(id) ?? null);
    },
    { batchScheduleFn },
  );
  return {
    counter,
    entities,
    sources,
    curation: new CurationRepository(executor),
    adoptions: new AdoptionRepository(executor),
    lineages: new LineageRepository(executor),
    paths: new PathRepository(executor),
    timeline: new TimelineRepository(executor),
    neighbourhoods: new NeighbourhoodRepository(executor),
    search: new SearchRepository(executor),
    suggestions: new SuggestionRepository(executor),
    loaders: { node, relations, typedRelations, source },
    warnings: new ResponseWarnings(),
    requestId,
    refusals: request.refusals ?? new RefusalLog(executor),
    auth: request.auth ?? null,
  };
}
