/**
 * Migration 009 on a database loaded before issue 14 (its own throwaway Neo4j: the test rewrites the graph).
 * Before issue 14 no relation had a basis, so the nine claims the curated data now marks INFERRED read as
 * statements, and migration 007 (which retires replaced claims) leaves them so. 009 must bring them to the
 * curated state, audited, change nothing on a fresh or re-seeded database, and change nothing when run again.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curatedFile, seedCurated } from '../../src/bundle/load.js';
import { readBundleFile } from '../../src/bundle/source-files.js';
import { validateBundle } from '../../src/bundle/validate.js';
import { loadConfig, type EmbeddedSettings } from '../../src/config.js';
import { freePort, startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../src/db/embedded.js';
import { Executor } from '../../src/db/executor.js';
import { migrate, readMigrations } from '../../src/db/migrations.js';
import { createApp, type App } from '../../src/server.js';
import { execute, testConfig } from '../support/graph.js';

let settings: EmbeddedSettings;
let neo4j: EmbeddedNeo4j;
let executor: Executor;

beforeAll(async () => {
  settings = { ...loadConfig({}).embedded, port: await freePort(), dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'commit-kg-009-')), heap: '512m', pageCache: '64m' };
  neo4j = await startEmbeddedNeo4j(settings);
  executor = new Executor({ uri: neo4j.uri, user: neo4j.user, password: neo4j.password, queryTimeoutMs: 30_000, connectionTimeoutMs: 5_000 });
});

afterAll(async () => {
  await executor?.close();
  await neo4j?.stop();
  fs.rmSync(settings.dataDir, { recursive: true, force: true });
});

/** The claims the curated data marks INFERRED, as the loader stores them (id, basis, reasoning). */
function curatedInferred() {
  return validateBundle(readBundleFile(curatedFile)).relations.filter((r) => r.props.basis === 'INFERRED');
}

const audit = () => executor.readText('t', "MATCH (c:Change {actor: 'migration:009'}) RETURN c.target AS target, c.action AS action, c.before AS before, c.after AS after ORDER BY c.target");
const claims = (ids: string[]) =>
  executor.readText('t', 'MATCH ()-[r]->() WHERE r.id IN $ids RETURN r.id AS id, r.basis AS basis, r.reasoning AS reasoning, r.version AS version ORDER BY r.id', { ids });
const statements = () => readMigrations().find((m) => m.name.startsWith('009-'))!.statements;

describe('migration 009 on a database loaded before issue 14', () => {
  it('marks the nine old claims INFERRED as the curated data does, audited, and is a no-op otherwise', async () => {
    // A fresh database: every migration applies and 009 finds nothing.
    expect((await migrate(executor)).applied).toContain('009-issue-14-inferred-claims');
    expect(await audit()).toEqual([]);
    // Loaded with the curated data (already INFERRED): nothing to do either.
    await seedCurated(executor);
    for (const statement of statements()) await executor.autoCommit(statement);
    expect(await audit()).toEqual([]);

    // The old state: relations stored before bases existed (no basis, no reasoning), without the claim issue 14
    // added (Article 33's forthcoming Plan of Action), and 009 not yet applied.
    const inferred = curatedInferred();
    const added = inferred.filter((r) => r.type === 'REFERS_TO').map((r) => r.id);
    expect(added).toEqual(['rel:refers-to/mandate.article-33/assistance/instrument.spa-1']);
    const old = inferred.filter((r) => !added.includes(r.id));
    expect(old.map((r) => r.type).sort()).toEqual(['DEVELOPED_UNDER', ...Array(8).fill('FULFILLED_BY')]);
    await executor.autoCommit('MATCH ()-[r]->() WHERE r.id IN $added DELETE r', { added });
    await executor.autoCommit('MATCH ()-[r]->() REMOVE r.basis, r.reasoning');
    await executor.autoCommit('MATCH (m:Migration {version: 9}) DELETE m');
    const ids = old.map((r) => r.id).sort();
    const before = await claims(ids);
    expect(before.map((c) => c.basis)).toEqual(Array(9).fill(null));

    // What a researcher saw then: the Article 32 mandate reached a Task Force through a "stated" relation.
    const app: App = await createApp(testConfig(), executor);
    const path32 = '{ connection(from: "mandate:article-32/task-force", to: "taskforce:cambodia", statedOnly: true) { length } }';
    try {
      expect((await execute(app.apollo, executor, path32)).data!.connection).toEqual([{ length: 1 }]);

      expect((await migrate(executor)).applied).toEqual(['009-issue-14-inferred-claims']);
      const after = await claims(ids);
      const byId = new Map(old.map((r) => [r.id, r]));
      expect(after).toEqual(before.map((c) => ({ id: c.id, basis: 'INFERRED', reasoning: byId.get(String(c.id))!.props.reasoning, version: Number(c.version) + 1 })));
      const records = await audit();
      expect(records.map((r) => [r.target, r.action])).toEqual(ids.map((id) => [id, 'UPDATE_RELATION']));
      for (const record of records) {
        expect(JSON.parse(String(record.before))).toMatchObject({ basis: null });
        expect(JSON.parse(String(record.after))).toMatchObject({ basis: 'INFERRED', reasoning: byId.get(String(record.target))!.props.reasoning });
      }
      // Stated facts only no longer walk the inferred FULFILLED_BY.
      expect((await execute<{ connection: { length: number }[] }>(app.apollo, executor, path32)).data!.connection.every((p) => p.length > 1)).toBe(true);

      // Again: nothing changes, nothing is recorded.
      for (const statement of statements()) await executor.autoCommit(statement);
      expect(await claims(ids)).toEqual(after);
      expect(await audit()).toHaveLength(9);
    } finally {
      await app.apollo.stop();
    }
  }, 240_000);
});
