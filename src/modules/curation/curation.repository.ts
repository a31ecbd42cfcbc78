/**
 * Writes with provenance, optimistic versions and an audit record, each in one write transaction:
 * the change and its audit record commit together or not at all. Versions are checked after taking the
 * record's write lock, so two updates naming the same version cannot both succeed (no lost update).
 */
import crypto from 'node:crypto';
import type { Actor } from '../../auth/api-keys.js';
import { BundleError, validateBundle, type BundleInput, type KnownSources } from '../../bundle/validate.js';
import { writeBundle } from '../../bundle/load.js';
import { runIn, type Executor, type ManagedTransaction } from '../../db/executor.js';
import { apiError, badInput, ErrorCode, notFound } from '../../errors.js';
import type { EntityRow } from '../entity/entity.mappers.js';
import type { RelationRow } from '../relation/relation.mappers.js';
import type { SourceRow } from '../source/source.mappers.js';

interface ProvenanceInput {
  source: string;
  quote: string;
}

const conflict = (message: string) => apiError(ErrorCode.Conflict, message);

function problemsError(error: unknown): never {
  if (error instanceof BundleError) {
    throw apiError(ErrorCode.BadUserInput, `Refused: ${error.problems.map((p) => `${p.record} ${p.field}: ${p.reason}`).join('; ')}`, { problems: error.problems });
  }
  throw error;
}

export class CurationRepository {
  constructor(private readonly executor: Executor) {}

  private async sourceTexts(ids: string[] | null): Promise<KnownSources> {
    const rows = await this.executor.read('queries/curation/source-texts', { ids });
    return new Map(rows.map((r) => [String(r.id), String(r.text)]));
  }

  private async record(tx: ManagedTransaction, actor: Actor, action: string, target: string, before: unknown, after: unknown, reason: string | null = null): Promise<string> {
    const id = crypto.randomUUID();
    await runIn(tx, 'queries/curation/record-change', {
      id,
      at: new Date().toISOString(),
      actor: actor.name,
      action,
      target,
      before: before === null ? null : JSON.stringify(before),
      after: after === null ? null : JSON.stringify(after),
      reason,
    });
    return id;
  }

  async registerSource(input: { id: string; title: string; text: string; publisher?: string | null; url?: string | null; published?: string | null; citation?: string | null }, actor: Actor): Promise<SourceRow> {
    let valid;
    try {
      valid = validateBundle({ sources: [input] });
    } catch (error) {
      problemsError(error);
    }
    const source = valid.sources[0]!;
    return this.executor.write('curation/register-source', async (tx) => {
      const [existing] = await runIn(tx, 'queries/curation/source-texts', { ids: [input.id] });
      if (existing && existing.text !== input.text) {
        const [cited] = await runIn(tx, 'queries/curation/source-cited', { id: input.id });
        if (cited?.cited) throw conflict(`Source "${input.id}" is cited by facts; its text cannot change. Register the new text under a new id.`);
      }
      const [row] = await runIn(tx, 'queries/curation/upsert-source', { id: input.id, props: source.props });
      const { text: _t, normText: _n, ...summary } = row!.source as SourceRow;
      await this.record(tx, actor, 'REGISTER_SOURCE', input.id, existing ? { sha256: crypto.createHash('sha256').update(String(existing.text)).digest('hex') } : null, summary);
      return row!.source as SourceRow;
    });
  }

  async createEntity(input: { id: string; kind: string; name: string; aliases?: string[] | null; description?: string | null; text?: string | null; provenance: ProvenanceInput[] }, actor: Actor): Promise<EntityRow> {
    const known = await this.sourceTexts(input.provenance.map((p) => p.source));
    let valid;
    try {
      valid = validateBundle(
        {
          nodes: [
            {
              id: input.id,
              kind: input.kind,
              name: input.name,
              ...(input.aliases ? { aliases: input.aliases } : {}),
              ...(input.description ? { description: input.description } : {}),
              ...(input.text ? { text: input.text } : {}),
              quotes: input.provenance.map((p) => ({ source: p.source, quote: p.quote })),
            },
          ],
        },
        known,
      );
    } catch (error) {
      problemsError(error);
    }
    const node = valid.nodes[0]!;
    return this.executor.write('curation/create-entity', async (tx) => {
      const [state] = await runIn(tx, 'queries/curation/existing-ids', { ids: [input.id] });
      if (state?.live || state?.retired) throw conflict(`An entity with id "${input.id}" already exists${state.retired ? ' (retired)' : ''}.`);
      const [row] = await runIn(tx, 'queries/curation/create-entity', { id: input.id, kind: input.kind, props: node.props });
      await this.record(tx, actor, 'CREATE_ENTITY', input.id, null, row!.node);
      return row!.node as EntityRow;
    });
  }

  async updateEntity(id: string, version: number, patch: { name?: string | null; aliases?: string[] | null; description?: string | null; text?: string | null }, provenance: ProvenanceInput[], actor: Actor): Promise<EntityRow> {
    if (provenance.length === 0) throw badInput('provenance', 'an update needs at least one quote stating the new values.');
    if (Object.values(patch).every((v) => v === undefined || v === null)) throw badInput('patch', 'names no field to change.');
    const known = await this.sourceTexts(provenance.map((p) => p.source));
    return this.executor.write('curation/update-entity', async (tx) => {
      const [locked] = await runIn(tx, 'queries/curation/lock-entity', { id });
      if (!locked) throw notFound('entity', id);
      const before = locked.node as EntityRow;
      if (Number(before.version) !== version) throw conflict(`Entity "${id}" is at version ${before.version}, not ${version}: someone changed it since you read it. Read it again and retry.`);
      let valid;
      try {
        valid = validateBundle(
          {
            nodes: [
              {
                id,
                kind: before.kind,
                name: patch.name ?? before.name,
                aliases: patch.aliases ?? before.aliases ?? [],
                ...((patch.description ?? before.description) ? { description: (patch.description ?? before.description)! } : {}),
                ...((patch.text ?? before.text) && patch.text ? { text: patch.text } : {}),
                quotes: provenance.map((p) => ({ source: p.source, quote: p.quote })),
              },
            ],
          },
          known,
        );
      } catch (error) {
        problemsError(error);
      }
      const fresh = valid.nodes[0]!.props;
      const sourceIds = [...(before.sourceIds ?? []), ...(fresh.sourceIds as string[])];
      const quotes = [...(before.quotes ?? []), ...(fresh.quotes as string[])];
      const props = {
        name: fresh.name,
        aliases: fresh.aliases,
        aliasText: fresh.aliasText,
        lookup: fresh.lookup,
        description: fresh.description,
        ...(patch.text ? { text: patch.text } : {}),
        sourceIds,
        quotes,
        quoteText: [...new Set(quotes)].join(' \u2016 '),
      };
      const [row] = await runIn(tx, 'queries/curation/update-entity', { id, props });
      await this.record(tx, actor, 'UPDATE_ENTITY', id, before, row!.node);
      return row!.node as EntityRow;
    });
  }

  async createRelation(input: { type: string; from: string; to: string; provenance: ProvenanceInput[] }, actor: Actor): Promise<RelationRow> {
    const existing = await this.executor.read('queries/curation/existing-ids', { ids: [input.from, input.to] });
    for (const r of existing) if (!r.live) throw notFound('entity', String(r.id));
    const known = await this.sourceTexts(input.provenance.map((p) => p.source));
    let valid;
    try {
      valid = validateBundle({ relations: [{ type: input.type, from: input.from, to: input.to, quotes: input.provenance.map((p) => ({ source: p.source, quote: p.quote })) }] }, known, new Set([input.from, input.to]));
    } catch (error) {
      problemsError(error);
    }
    const rel = valid.relations[0]!;
    return this.executor.write('curation/create-relation', async (tx) => {
      const [exists] = await runIn(tx, 'queries/curation/relation-exists', { id: rel.id, from: rel.from, to: rel.to });
      if (exists?.exists) throw conflict(`The relation ${rel.id} already exists.`);
      const [row] = await runIn(tx, 'queries/curation/create-relation', { from: rel.from, to: rel.to, type: rel.type, props: rel.props });
      const created: RelationRow = { id: rel.id, type: rel.type, from: rel.from, to: rel.to, props: row!.props as Record<string, unknown> };
      await this.record(tx, actor, 'CREATE_RELATION', rel.id, null, created);
      return created;
    });
  }

  async retireEntity(id: string, version: number, reason: string, actor: Actor) {
    if (!reason.trim()) throw badInput('reason', 'say why the entity is retired.');
    return this.executor.write('curation/retire-entity', async (tx) => {
      const [locked] = await runIn(tx, 'queries/curation/lock-entity', { id });
      if (!locked) throw notFound('entity', id);
      const before = locked.node as EntityRow;
      if (Number(before.version) !== version) throw conflict(`Entity "${id}" is at version ${before.version}, not ${version}.`);
      const [row] = await runIn(tx, 'queries/curation/retire-entity', { id, at: new Date().toISOString(), actor: actor.name, reason });
      await this.record(tx, actor, 'RETIRE_ENTITY', id, before, row!.node, reason);
      return { id, retiredRelations: Number(row!.relations) };
    });
  }

  async retireRelation(id: string, version: number, reason: string, actor: Actor) {
    if (!reason.trim()) throw badInput('reason', 'say why the relation is retired.');
    return this.executor.write('curation/retire-relation', async (tx) => {
      const [locked] = await runIn(tx, 'queries/curation/lock-relation', { id });
      if (!locked) throw notFound('relation', id);
      const before = locked.props as Record<string, unknown>;
      if (Number(before.version) !== version) throw conflict(`Relation "${id}" is at version ${before.version}, not ${version}.`);
      const [row] = await runIn(tx, 'queries/curation/retire-relation', { id, at: new Date().toISOString(), actor: actor.name, reason });
      await this.record(tx, actor, 'RETIRE_RELATION', id, { type: locked.type, from: locked.from, to: locked.to, ...before }, row!.props, reason);
      return { id, retiredRelations: 1 };
    });
  }

  /** Validates the whole bundle against the stored sources and entities, then writes it in one transaction. */
  async importBundle(input: unknown, actor: Actor, onProgress?: (done: number, total: number) => void) {
    const bundle = input as BundleInput;
    const known = await this.sourceTexts(null);
    const bundleIds = new Set((Array.isArray(bundle?.nodes) ? bundle.nodes : []).map((n) => n?.id));
    const referenced = [...new Set((Array.isArray(bundle?.relations) ? bundle.relations : []).flatMap((r) => [r?.from, r?.to]).filter((id): id is string => typeof id === 'string' && !bundleIds.has(id)))];
    const existing = referenced.length ? await this.executor.read('queries/curation/existing-ids', { ids: referenced }) : [];
    const knownIds = new Set(existing.filter((r) => r.live).map((r) => String(r.id)));
    let valid;
    try {
      valid = validateBundle(input, known, knownIds);
    } catch (error) {
      problemsError(error);
    }
    let changeId = '';
    await writeBundle(this.executor, valid, {
      onProgress,
      alsoInTransaction: async (tx) => {
        changeId = await this.record(tx, actor, 'IMPORT', `import:${crypto.randomUUID()}`, null, { sources: valid.sources.map((s) => s.id), nodes: valid.nodes.length, relations: valid.relations.length });
      },
    });
    return { sources: valid.sources.length, nodes: valid.nodes.length, relations: valid.relations.length, changeId };
  }

  async changes(args: { since: string | null; target: string | null; skip: number; limit: number }) {
    const [row] = await this.executor.read('queries/curation/list-changes', args);
    return { total: Number(row?.total ?? 0), changes: (row?.changes ?? []) as Record<string, unknown>[] };
  }
}
