/**
 * Applies cypher/migrations/NNN-name.cypher in order, each statement in auto-commit (schema changes
 * cannot share a transaction with writes), and records each applied file as a (:Migration) node with
 * its checksum. Applying twice is a no-op; a file edited after it was applied is refused.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config.js';
import { StartupError } from '../errors.js';
import type { Executor } from './executor.js';

/**
 * A migration statement may backfill every entity (010 sets sortKey in batches): on a large graph that
 * takes far longer than a request's QUERY_TIMEOUT_MS, so migrations get their own, generous bound.
 */
export const MIGRATION_STATEMENT_TIMEOUT_MS = 30 * 60_000;

const migrationsDir = path.join(projectRoot, 'cypher', 'migrations');

export interface Migration {
  version: number;
  name: string;
  checksum: string;
  statements: string[];
}

export class MigrationError extends StartupError {}

/** Splits a file into statements at semicolons that end a line; `//` comment lines are dropped. */
export function splitStatements(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function readMigrations(dir = migrationsDir): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{3}-[\w-]+\.cypher$/.test(f))
    .sort()
    .map((file) => {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      return {
        version: Number(file.slice(0, 3)),
        name: file.replace(/\.cypher$/, ''),
        checksum: crypto.createHash('sha256').update(text).digest('hex'),
        statements: splitStatements(text),
      };
    });
}

export interface MigrationResult {
  applied: string[];
  level: number;
}

export async function migrate(executor: Executor, dir = migrationsDir): Promise<MigrationResult> {
  await executor.autoCommit('CREATE CONSTRAINT migration_version IF NOT EXISTS FOR (m:Migration) REQUIRE m.version IS UNIQUE');
  const done = new Map(
    (await executor.autoCommit('MATCH (m:Migration) RETURN m.version AS version, m.checksum AS checksum')).map((r) => [
      Number(r.version),
      String(r.checksum),
    ]),
  );
  const applied: string[] = [];
  let level = 0;
  for (const migration of readMigrations(dir)) {
    const recorded = done.get(migration.version);
    if (recorded !== undefined) {
      if (recorded !== migration.checksum) {
        throw new MigrationError(`Migration ${migration.name} was changed after it was applied; add a new migration instead.`);
      }
      level = migration.version;
      continue;
    }
    for (const statement of migration.statements) await executor.autoCommit(statement, {}, MIGRATION_STATEMENT_TIMEOUT_MS);
    await executor.autoCommit(
      'MERGE (m:Migration {version: $version}) ON CREATE SET m.name = $name, m.checksum = $checksum, m.appliedAt = datetime()',
      { version: migration.version, name: migration.name, checksum: migration.checksum },
    );
    await executor.autoCommit('CALL db.awaitIndexes(60)');
    applied.push(migration.name);
    level = migration.version;
  }
  return { applied, level };
}

export async function migrationLevel(executor: Executor): Promise<number | null> {
  const [row] = await executor.readText('migration-level', 'MATCH (m:Migration) RETURN max(m.version) AS level');
  return row?.level === null || row?.level === undefined ? null : Number(row.level);
}
