/** Assembles the public contract: SDL from schema/*.graphql plus each module's resolvers. */
import fs from 'node:fs';
import path from 'node:path';
import { gql } from 'graphql-tag';
import type { DocumentNode } from 'graphql';
import { projectRoot } from '../config.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { adoptionResolvers } from '../modules/adoption/adoption.resolvers.js';
import { pathResolvers } from '../modules/path/path.resolvers.js';
import { curationResolvers } from '../modules/curation/curation.resolvers.js';
import { entityResolvers } from '../modules/entity/entity.resolvers.js';
import { lineageResolvers } from '../modules/lineage/lineage.resolvers.js';
import { neighbourhoodResolvers } from '../modules/neighbourhood/neighbourhood.resolvers.js';
import { relationResolvers } from '../modules/relation/relation.resolvers.js';
import { searchResolvers } from '../modules/search/search.resolvers.js';
import { sourceResolvers } from '../modules/source/source.resolvers.js';
import { timelineResolvers } from '../modules/timeline/timeline.resolvers.js';

const schemaDir = path.join(projectRoot, 'schema');

export function readSchemaSdl(): string {
  return fs
    .readdirSync(schemaDir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => fs.readFileSync(path.join(schemaDir, f), 'utf8'))
    .join('\n');
}

export const typeDefs: DocumentNode = gql(readSchemaSdl());

const modules: Resolvers[] = [
  entityResolvers,
  relationResolvers,
  sourceResolvers,
  adoptionResolvers,
  lineageResolvers,
  pathResolvers,
  timelineResolvers,
  searchResolvers,
  neighbourhoodResolvers,
  curationResolvers,
];

/** Merges module resolver maps type by type (each module extends Query). */
export function mergeResolvers(list: Resolvers[]): Resolvers {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const module of list) {
    for (const [type, fields] of Object.entries(module)) {
      merged[type] = { ...(merged[type] ?? {}), ...(fields as Record<string, unknown>) };
    }
  }
  return merged as Resolvers;
}

export const resolvers = mergeResolvers(modules);
