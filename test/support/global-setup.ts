/**
 * Starts one throwaway embedded Neo4j for the whole suite (free port, temp folder), applies migrations
 * and loads the curated data, and stops it afterwards. With NEO4J_URI set, uses that database instead
 * (it must be one you can wipe: the suite loads the curated data into it).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { seedCurated } from '../../src/bundle/load.js';
import { loadConfig } from '../../src/config.js';
import { freePort, startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../src/db/embedded.js';
import { Executor } from '../../src/db/executor.js';
import { migrate } from '../../src/db/migrations.js';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
    neo4jUser: string;
    neo4jPassword: string;
  }
}

export default async function setup(project: TestProject) {
  const config = loadConfig();
  let embedded: EmbeddedNeo4j | undefined;
  let dataDir: string | undefined;
  let uri = config.external?.uri;
  let credentials = { user: config.external?.user ?? 'neo4j', password: config.external?.password ?? '' };
  if (!uri) {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'commit-kg-test-'));
    const port = await freePort();
    embedded = await startEmbeddedNeo4j({ ...config.embedded, port, dataDir, heap: '1g', pageCache: '256m' }, (m) => console.log(`[neo4j] ${m}`));
    uri = embedded.uri;
    credentials = { user: embedded.user, password: embedded.password };
  }
  const executor = new Executor({ uri, ...credentials, database: config.external?.database, queryTimeoutMs: 30_000, connectionTimeoutMs: 5_000 });
  try {
    await migrate(executor);
    await seedCurated(executor);
  } finally {
    await executor.close();
  }
  project.provide('neo4jUri', uri);
  project.provide('neo4jUser', credentials.user);
  project.provide('neo4jPassword', credentials.password);
  return async () => {
    await embedded?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
