/** Pieces of the security work that need no database. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildASTSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { relationId, validateBundle } from '../../src/bundle/validate.js';
import { embeddedCredentials, passwordFile } from '../../src/db/embedded.js';
import { readMigrations } from '../../src/db/migrations.js';
import { RELATION_TYPES } from '../../src/model/model.js';
import { readManifest } from '../../src/graphql/trusted-operations.js';
import { typeDefs } from '../../src/graphql/schema.js';
import { prefersGraphQLResponse } from '../../src/http/graphql-status.js';
import { parseSince } from '../../src/modules/curation/curation.resolvers.js';
import { echo, notFound } from '../../src/errors.js';

describe('relation ids', () => {
  it('has a uniqueness constraint on the id of every relation type (migration 006 and later)', () => {
    const text = readMigrations().filter((m) => m.version >= 6).flatMap((m) => m.statements).join('\n');
    for (const type of RELATION_TYPES) expect(text, type).toContain(`FOR ()-[r:${type}]-() REQUIRE r.id IS UNIQUE`);
  });

  it('refuses a bundle relation whose id is not its canonical one', () => {
    const text = 'Alpha and Beta are places.';
    const bundle = { sources: [{ id: 's', title: 't', text }], defaultSource: 's', nodes: [{ id: 'place:a', kind: 'Place', name: 'A', quote: 'Alpha' }, { id: 'place:b', kind: 'Place', name: 'B', quote: 'Beta' }] };
    expect(() => validateBundle({ ...bundle, relations: [{ id: 'rel:x', type: 'LOCATED_IN', from: 'place:a', to: 'place:b', quote: 'Alpha and Beta' }] })).toThrow(/must be "rel:located-in\/place.a\/place.b"/);
    const ok = validateBundle({ ...bundle, relations: [{ id: relationId('LOCATED_IN', 'place:a', 'place:b'), type: 'LOCATED_IN', from: 'place:a', to: 'place:b', quote: 'Alpha and Beta' }] });
    expect(ok.relations[0]!.id).toBe('rel:located-in/place.a/place.b');
  });

  it('never reads a file named by a bundle while validating it', () => {
    expect(() => validateBundle({ sources: [{ id: 's', title: 't', file: 'package.json' }] })).toThrow(/read only by the command line/);
  });
});

describe('embedded Neo4j credentials', () => {
  it('generates a password once, kept with mode 0600, and prefers NEO4J_PASSWORD', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'commit-kg-cred-'));
    try {
      const first = embeddedCredentials(dir);
      expect(first.password.length).toBeGreaterThanOrEqual(32);
      expect(fs.statSync(passwordFile(dir)).mode & 0o777).toBe(0o600);
      expect(embeddedCredentials(dir)).toEqual(first);
      expect(embeddedCredentials(dir, 'a-long-password')).toEqual({ user: 'neo4j', password: 'a-long-password' });
      expect(() => embeddedCredentials(dir, 'short')).toThrow(/at least 8/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('careless input', () => {
  it('takes only full ISO 8601 date-times for since', () => {
    expect(parseSince('2024-05-01T10:00:00Z')).toBe('2024-05-01T10:00:00.000Z');
    expect(parseSince('2024-05-01T12:00:00+02:00')).toBe('2024-05-01T10:00:00.000Z');
    for (const bad of ['1', '2001', '2024-05-01', '2024-02-30T00:00:00Z', '2024-05-01T10:00:00', '2024-05-01 10:00:00Z']) expect(() => parseSince(bad), bad).toThrow(/full ISO 8601/);
  });

  it('cuts echoed input', () => {
    expect(echo('x'.repeat(90_000)).length).toBeLessThan(200);
    expect(notFound('entity', 'y'.repeat(90_000)).message.length).toBeLessThan(200);
  });
});

describe('GraphQL-over-HTTP media type', () => {
  it('prefers application/graphql-response+json only when the client ranks it first', () => {
    expect(prefersGraphQLResponse(undefined)).toBe(false);
    expect(prefersGraphQLResponse('*/*')).toBe(false);
    expect(prefersGraphQLResponse('application/graphql-response+json')).toBe(true);
    expect(prefersGraphQLResponse('application/graphql-response+json, application/json;q=0.9')).toBe(true);
    expect(prefersGraphQLResponse('application/json, application/graphql-response+json')).toBe(false);
  });
});

describe('trusted operation manifest', () => {
  it('holds only documents valid against the schema', () => {
    const schema = buildASTSchema(typeDefs);
    for (const [hash, document] of readManifest()) expect(validate(schema, parse(document)), hash).toEqual([]);
  });
});
