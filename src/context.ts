/**
 * Per-request context: the executor, a round-trip counter and a fresh set of DataLoaders (the DataLoader
 * README's rule: one loader per request, results in key order). Loaders are how typed relation fields
 * avoid N+1: every sibling asking for its relations in one tick becomes one Cypher statement.
 */
import DataLoader from 'dataloader';
import { authenticate, type Actor } from './auth/api-keys.js';
import { RoundTripCounter, type Executor } from './db/executor.js';
import type { EntityRow } from './modules/entity/entity.mappers.js';
import { EntityRepository, type RelationView } from './modules/entity/entity.repository.js';
import type { SourceRow } from './modules/source/source.mappers.js';
import { SourceRepository } from './modules/source/source.repository.js';
import { CurationRepository } from './modules/curation/curation.repository.js';

export interface Loaders {
  node: DataLoader<string, EntityRow | null>;
  relations: DataLoader<string, RelationView[]>;
  source: DataLoader<string, SourceRow | null>;
}

export interface Context {
  executor: Executor;
  counter: RoundTripCounter;
  entities: EntityRepository;
  sources: SourceRepository;
  curation: CurationRepository;
  loaders: Loaders;
  requestId: string;
  /** The caller: null without a bearer key, 'invalid' for an unknown or revoked one. Reads ignore it. */
  auth: Actor | null | 'invalid';
}

export function createContext(executor: Executor, requestId: string, authorization?: string): Context {
  const counter = new RoundTripCounter();
  const entities = new EntityRepository(executor, counter);
  const sources = new SourceRepository(executor, counter);
  const node: DataLoader<string, EntityRow | null> = new DataLoader(async (ids) => {
    const found = await entities.byIds(ids);
    return ids.map((id) => found.get(id) ?? null);
  });
  const relations = new DataLoader<string, RelationView[]>(async (ids) => {
    const found = await entities.relationsOf(ids);
    for (const views of found.values()) for (const v of views) node.prime(v.other.id, v.other);
    return ids.map((id) => found.get(id) ?? []);
  });
  const source = new DataLoader<string, SourceRow | null>(async (ids) => {
    const found = await sources.byIds(ids);
    return ids.map((id) => found.get(id) ?? null);
  });
  return { executor, counter, entities, sources, curation: new CurationRepository(executor), loaders: { node, relations, source }, requestId, auth: authenticate(authorization) };
}
