/**
 * Writes with provenance, optimistic versions and an audit record, each in one write transaction:
 * the change and its audit record commit together or not at all. Versions are checked after taking the
 * record's write lock, so two updates naming the same version cannot both succeed (no lost update).
 */
import crypto from 'node:crypto';
import type { Actor } from '../../auth/api-keys.js';
import { BundleError, validateBundle, type BundleInput, type KnownSources, type NodeRecord, type Problem, type RelationRecord, type SourceRecord, type ValidBundle } from '../../bundle/validate.js';
import { readSourceFiles } from '../../bundle/source-files.js';
import type { Executor, WriteTransaction } from '../../db/executor.js';
import { apiError, badInput, ErrorCode, notFound } from '../../errors.js';
import type { Basis, RelationType } from '../../model/model.js';
import type { EntityRow } from '../entity/entity.mappers.js';
import type { RelationRow } from '../relation/relation.mappers.js';
import type { SourceRow } from '../source/source.mappers.js';

interface ProvenanceInput {
  source: string;
  quote: string;
}

const conflict = (message: string) => apiError(ErrorCode.Conflict, message);

/** Problems listed in an error's message; all of them (up to 50) are in `extensions.problems`. */
const LISTED = 5;
const KEPT = 50;

function problemsMessage(problems: Problem[]): string {
  const listed = problems.slice(0, LISTED).map((p) => `${p.record} ${p.field}: ${p.reason}`).join('; ');
  return `${listed}${problems.length > LISTED ? `; and ${problems.length - LISTED} more (see extensions.problems)` : ''}`;
}

function problemsExtensions(problems: Problem[]) {
  return { problems: problems.slice(0, KEPT), problemCount: problems.length };
}

function problemsError(error: unknown): never {
  if (error instanceof BundleError) {
    throw apiError(ErrorCode.BadUserInput, `Refused: ${problemsMessage(error.problems)}`, problemsExtensions(error.problems));
  }
  throw error;
}

/** `input` checked by the import's rules (validateBundle); any problem refuses it with BAD_USER_INPUT listing them. */
function validOrRefused(input: unknown, known?: KnownSources, knownIds?: ReadonlySet<string>): ValidBundle {
  try {
    return validateBundle(input, known, knownIds);
  } catch (error) {
    problemsError(error);
  }
}

const quotesOf = (provenance: ProvenanceInput[]) => provenance.map((p) => ({ source: p.source, quote: p.quote }));

/**
 * Why an import may not change a stored record that differs from it: no version given, or not the stored
 * one (it changed since it was read). Null when `given` is the stored version.
 */
function versionProblem(stored: number, given: number | undefined): string | null {
  if (given === undefined) return `exists at version ${stored} and differs; give "version: ${stored}" to change it`;
  if (given !== stored) return `is at version ${stored}, not ${given}: it changed since it was read`;
  return null;
}

/** Whether a stored record already holds exactly `props` (stored nulls are absent; `version` is not content). */
function sameContent(stored: Record<string, unknown>, props: Record<string, unknown>): boolean {
  const keys = new Set([...Object.keys(stored), ...Object.keys(props)]);
  keys.delete('version');
  keys.delete('sortKey'); // derived from the name by the write statements (migration 010)
  for (const key of keys) {
    if (JSON.stringify(stored[key] ?? null) !== JSON.stringify(props[key] ?? null)) return false;
  }
  return true;
}

const withoutNulls = (props: Record<string, unknown>) => Object.fromEntries(Object.entries(props).filter(([, v]) => v !== null && v !== undefined));

/** A source as the audit keeps it: everything but the derived whitespace-normalised text. */
const sourceImage = (source: Record<string, unknown>) => {
  const { normText: _n, ...image } = source;
  return image;
};

export interface ImportOptions {
  /** Called after each batch with records written so far and the total (for a progress bar). */
  onProgress?: (done: number, total: number) => void;
  /** Command line only: read `sources[].file` from data/sources/. The API never reads a server file. */
  readFiles?: boolean;
  /** Largest source file read (config's MAX_SOURCE_BYTES). */
  maxSourceBytes?: number;
}

interface AuditEntry {
  action: string;
  target: string;
  before: unknown;
  after: unknown;
}

export class CurationRepository {
  constructor(private readonly executor: Executor) {}

  private async sourceTexts(ids: string[] | null): Promise<KnownSources> {
    const rows = await this.executor.read('queries/curation/source-texts', { ids });
    return new Map(rows.map((r) => [String(r.id), String(r.text)]));
  }

  private async record(tx: WriteTransaction, actor: Actor, action: string, target: string, before: unknown, after: unknown, reason: string | null = null): Promise<string> {
    const id = crypto.randomUUID();
    await tx.run('queries/curation/record-change', {
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
    const source = validOrRefused({ sources: [input] }).sources[0]!;
    return this.executor.write('curation/register-source', async (tx) => {
      const [existing] = await tx.run('queries/curation/source-texts', { ids: [input.id] });
      if (existing && existing.text !== input.text) {
        const [cited] = await tx.run('queries/curation/source-cited', { id: input.id });
        if (cited?.cited) throw conflict(`Source "${input.id}" is cited by facts; its text cannot change. Register the new text under a new id.`);
      }
      const [stored] = existing ? await tx.run('queries/bundle/lock-sources', { ids: [input.id] }) : [];
      const [row] = await tx.run('queries/curation/upsert-source', { id: input.id, props: source.props });
      const { text: _t, normText: _n, ...summary } = row!.source as SourceRow;
      // The full before-image (title, url, text, ...): a metadata change can be seen and undone from the audit.
      await this.record(tx, actor, existing ? 'UPDATE_SOURCE' : 'REGISTER_SOURCE', input.id, stored ? sourceImage(stored.source as Record<string, unknown>) : null, summary);
      return row!.source as SourceRow;
    });
  }

  async createEntity(input: { id: string; kind: string; name: string; aliases?: string[] | null; description?: string | null; text?: string | null; provenance: ProvenanceInput[] }, actor: Actor): Promise<EntityRow> {
    const known = await this.sourceTexts(input.provenance.map((p) => p.source));
    const entity = {
      id: input.id,
      kind: input.kind,
      name: input.name,
      ...(input.aliases ? { aliases: input.aliases } : {}),
      ...(input.description ? { description: input.description } : {}),
      ...(input.text ? { text: input.text } : {}),
      quotes: quotesOf(input.provenance),
    };
    const node = validOrRefused({ nodes: [entity] }, known).nodes[0]!;
    return this.executor.write('curation/create-entity', async (tx) => {
      const [state] = await tx.run('queries/curation/existing-ids', { ids: [input.id] });
      if (state?.live || state?.retired) throw conflict(`An entity with id "${input.id}" already exists${state.retired ? ' (retired)' : ''}.`);
      const [row] = await tx.run('queries/curation/create-entity', { id: input.id, kind: input.kind, props: node.props });
      await this.record(tx, actor, 'CREATE_ENTITY', input.id, null, row!.node);
      return row!.node as EntityRow;
    });
  }

  async updateEntity(id: string, version: number, patch: { name?: string | null; aliases?: string[] | null; description?: string | null; text?: string | null }, provenance: ProvenanceInput[], actor: Actor): Promise<EntityRow> {
    if (provenance.length === 0) throw badInput('provenance', 'an update needs at least one quote stating the new values.');
    if (Object.values(patch).every((v) => v === undefined || v === null)) throw badInput('patch', 'names no field to change.');
    const known = await this.sourceTexts(provenance.map((p) => p.source));
    return this.executor.write('curation/update-entity', async (tx) => {
      const [locked] = await tx.run('queries/curation/lock-entity', { id });
      if (!locked) throw notFound('entity', id);
      const before = locked.node as EntityRow;
      if (Number(before.version) !== version) throw conflict(`Entity "${id}" is at version ${before.version}, not ${version}: someone changed it since you read it. Read it again and retry.`);
      const entity = {
        id,
        kind: before.kind,
        name: patch.name ?? before.name,
        aliases: patch.aliases ?? before.aliases ?? [],
        ...((patch.description ?? before.description) ? { description: (patch.description ?? before.description)! } : {}),
        ...((patch.text ?? before.text) && patch.text ? { text: patch.text } : {}),
        quotes: quotesOf(provenance),
      };
      const fresh = validOrRefused({ nodes: [entity] }, known).nodes[0]!.props;
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
      const [row] = await tx.run('queries/curation/update-entity', { id, props });
      await this.record(tx, actor, 'UPDATE_ENTITY', id, before, row!.node);
      return row!.node as EntityRow;
    });
  }

  /**
   * A STATED relation (the default) is said by its quotes; an INFERRED one is concluded from them (its
   * premises) for the reason given: the import's rules (basisProblem) decide which combinations stand.
   */
  async createRelation(input: { type: RelationType; from: string; to: string; provenance: ProvenanceInput[]; basis?: Basis | null; reasoning?: string | null }, actor: Actor): Promise<RelationRow> {
    const existing = await this.executor.read('queries/curation/existing-ids', { ids: [input.from, input.to] });
    for (const r of existing) if (!r.live) throw notFound('entity', String(r.id));
    const known = await this.sourceTexts(input.provenance.map((p) => p.source));
    const relation = {
      type: input.type,
      from: input.from,
      to: input.to,
      ...(input.basis ? { basis: input.basis } : {}),
      ...(input.reasoning !== null && input.reasoning !== undefined ? { reasoning: input.reasoning } : {}),
      quotes: quotesOf(input.provenance),
    };
    const rel = validOrRefused({ relations: [relation] }, known, new Set([input.from, input.to])).relations[0]!;
    return this.executor.write('curation/create-relation', async (tx) => {
      const [exists] = await tx.run('queries/curation/relation-exists', { id: rel.id, from: rel.from, to: rel.to });
      if (exists?.exists) throw conflict(`The relation ${rel.id} already exists.`);
      const [row] = await tx.run('queries/curation/create-relation', { from: rel.from, to: rel.to, type: rel.type, props: rel.props });
      const created: RelationRow = { id: rel.id, type: input.type, from: rel.from, to: rel.to, props: row!.props as Record<string, unknown> };
      await this.record(tx, actor, 'CREATE_RELATION', rel.id, null, created);
      return created;
    });
  }

  async retireEntity(id: string, version: number, reason: string, actor: Actor) {
    if (!reason.trim()) throw badInput('reason', 'say why the entity is retired.');
    return this.executor.write('curation/retire-entity', async (tx) => {
      const [locked] = await tx.run('queries/curation/lock-entity', { id });
      if (!locked) throw notFound('entity', id);
      const before = locked.node as EntityRow;
      if (Number(before.version) !== version) throw conflict(`Entity "${id}" is at version ${before.version}, not ${version}.`);
      const [row] = await tx.run('queries/curation/retire-entity', { id, at: new Date().toISOString(), actor: actor.name, reason });
      await this.record(tx, actor, 'RETIRE_ENTITY', id, before, row!.node, reason);
      return { id, retiredRelations: Number(row!.relations) };
    });
  }

  async retireRelation(id: string, version: number, reason: string, actor: Actor) {
    if (!reason.trim()) throw badInput('reason', 'say why the relation is retired.');
    return this.executor.write('curation/retire-relation', async (tx) => {
      const [locked] = await tx.run('queries/curation/lock-relation', { id });
      if (!locked) throw notFound('relation', id);
      const before = locked.props as Record<string, unknown>;
      if (Number(before.version) !== version) throw conflict(`Relation "${id}" is at version ${before.version}, not ${version}.`);
      const [row] = await tx.run('queries/curation/retire-relation', { id, at: new Date().toISOString(), actor: actor.name, reason });
      await this.record(tx, actor, 'RETIRE_RELATION', id, { type: locked.type, from: locked.from, to: locked.to, ...before }, row!.props, reason);
      return { id, retiredRelations: 1 };
    });
  }

  /**
   * Imports a bundle under the same rules as the mutations, in one transaction: new records are created;
   * an existing record that differs is changed only if the bundle gives the version it was read at (else
   * CONFLICT, listing every such record); retired records are never revived, nor an entity's kind
   * changed; identical records are left alone. Every record written gets its own audit entry with its
   * before-image, plus one IMPORT entry (whose id is returned). Nothing to change: nothing is written.
   */
  async importBundle(input: unknown, actor: Actor, options: ImportOptions = {}) {
    const given = input as BundleInput;
    const count = (list: unknown) => (Array.isArray(list) ? list.length : 0);
    if (given && typeof given === 'object' && count(given.sources) + count(given.nodes) + count(given.relations) === 0) {
      throw badInput('bundle', 'names no sources, nodes or relations; there is nothing to import.');
    }
    if (options.readFiles) {
      try {
        input = readSourceFiles(input, options.maxSourceBytes);
      } catch (error) {
        problemsError(error);
      }
    } else if (Array.isArray(given?.sources)) {
      const problems = given.sources.flatMap((s, i) =>
        s && typeof s === 'object' && 'file' in s ? [{ record: `sources[${i}]`, field: 'file', reason: 'the API never reads a server file; send the source\'s full text in text' }] : [],
      );
      if (problems.length > 0) problemsError(new BundleError(problems));
    }
    const bundle = input as BundleInput;
    const known = await this.sourceTexts(null);
    const bundleIds = new Set((Array.isArray(bundle?.nodes) ? bundle.nodes : []).map((n) => n?.id));
    const referenced = [...new Set((Array.isArray(bundle?.relations) ? bundle.relations : []).flatMap((r) => [r?.from, r?.to]).filter((id): id is string => typeof id === 'string' && !bundleIds.has(id)))];
    const existing = referenced.length ? await this.executor.read('queries/curation/existing-ids', { ids: referenced }) : [];
    const knownIds = new Set(existing.filter((r) => r.live).map((r) => String(r.id)));
    const valid = validOrRefused(input, known, knownIds);
    const importId = `import:${crypto.randomUUID()}`;
    return this.executor.write(
      'curation/import',
      async (tx) => {
        const conflicts: Problem[] = [];
        const audit: AuditEntry[] = [];
        const create = { sources: [] as SourceRecord[], nodes: [] as NodeRecord[], relations: [] as RelationRecord[] };
        const update = { nodes: [] as (NodeRecord & { version: number })[], relations: [] as (RelationRecord & { version: number })[] };

        const storedSources = new Map((await tx.run('queries/bundle/lock-sources', { ids: valid.sources.map((s) => s.id) })).map((r) => [String(r.id), r.source as Record<string, unknown>]));
        for (const source of valid.sources) {
          const props = withoutNulls(source.props);
          const stored = storedSources.get(source.id);
          if (!stored) {
            create.sources.push({ id: source.id, props });
            const { text: _t, normText: _n, ...summary } = props;
            audit.push({ action: 'REGISTER_SOURCE', target: source.id, before: null, after: { id: source.id, ...summary } });
          } else if (Object.entries(props).some(([k, v]) => JSON.stringify(stored[k] ?? null) !== JSON.stringify(v))) {
            create.sources.push({ id: source.id, props });
            const { text: _t, normText: _n, ...summary } = props;
            audit.push({ action: 'UPDATE_SOURCE', target: source.id, before: sourceImage(stored), after: { id: source.id, ...summary } });
          }
        }

        const storedNodes = new Map((await tx.run('queries/bundle/lock-nodes', { ids: valid.nodes.map((n) => n.id) })).map((r) => [String(r.id), r]));
        for (const [i, node] of valid.nodes.entries()) {
          const record = `nodes[${i}] (${node.id})`;
          const state = storedNodes.get(node.id);
          const stored = state?.node as Record<string, unknown> | null | undefined;
          if (!stored && state?.retired) conflicts.push({ record, field: 'id', reason: 'is retired; an import never revives a retired entity' });
          else if (!stored) {
            create.nodes.push(node);
            audit.push({ action: 'CREATE_ENTITY', target: node.id, before: null, after: { ...node.props, version: 1 } });
          } else if (stored.kind !== node.kind) conflicts.push({ record, field: 'kind', reason: `is a ${String(stored.kind)}; an import cannot change an entity's kind` });
          else if (!sameContent(stored, node.props)) {
            const version = Number(stored.version);
            const problem = versionProblem(version, node.version);
            if (problem) conflicts.push({ record, field: 'version', reason: problem });
            else {
              update.nodes.push({ ...node, version });
              audit.push({ action: 'UPDATE_ENTITY', target: node.id, before: stored, after: { ...node.props, version: version + 1 } });
            }
          }
        }

        const storedRelations = new Map((await tx.run('queries/bundle/lock-relations', { relations: valid.relations.map(({ id, from, to }) => ({ id, from, to })) })).map((r) => [String(r.id), r.props as Record<string, unknown> | null]));
        for (const [i, rel] of valid.relations.entries()) {
          const record = `relations[${i}] (${rel.id})`;
          const stored = storedRelations.get(rel.id);
          if (!stored) {
            create.relations.push(rel);
            audit.push({ action: 'CREATE_RELATION', target: rel.id, before: null, after: { type: rel.type, from: rel.from, to: rel.to, ...rel.props, version: 1 } });
          } else if (stored.retired) conflicts.push({ record, field: 'id', reason: 'is retired; an import never revives a retired relation' });
          else if (!sameContent(stored, rel.props)) {
            const version = Number(stored.version);
            const problem = versionProblem(version, rel.version);
            if (problem) conflicts.push({ record, field: 'version', reason: problem });
            else {
              update.relations.push({ ...rel, version });
              audit.push({ action: 'UPDATE_RELATION', target: rel.id, before: { type: rel.type, from: rel.from, to: rel.to, ...stored }, after: { type: rel.type, from: rel.from, to: rel.to, ...rel.props, version: version + 1 } });
            }
          }
        }

        if (conflicts.length > 0) {
          throw apiError(ErrorCode.Conflict, `Refused; nothing was written: ${problemsMessage(conflicts)}`, problemsExtensions(conflicts));
        }
        const result = { sources: valid.sources.length, nodes: valid.nodes.length, relations: valid.relations.length, changed: audit.length, unchanged: valid.sources.length + valid.nodes.length + valid.relations.length - audit.length };
        if (audit.length === 0) return { ...result, changeId: null };

        const total = audit.length;
        let done = 0;
        const progress = (n: number) => options.onProgress?.((done += n), total);
        await tx.runBatches('queries/bundle/merge-sources', 'sources', create.sources, progress);
        await tx.runBatches('queries/bundle/merge-nodes', 'nodes', create.nodes, progress);
        await tx.runBatches('queries/bundle/replace-nodes', 'nodes', update.nodes, progress);
        await tx.runBatches('queries/bundle/merge-relations', 'relations', create.relations, progress);
        await tx.runBatches('queries/bundle/replace-relations', 'relations', update.relations, progress);
        const at = new Date().toISOString();
        const entries = audit.map((a) => ({
          id: crypto.randomUUID(),
          at,
          actor: actor.name,
          action: a.action,
          target: a.target,
          before: a.before === null ? null : JSON.stringify(a.before),
          after: JSON.stringify(a.after),
          reason: importId,
        }));
        await tx.runBatches('queries/curation/record-changes', 'changes', entries);
        const changeId = await this.record(tx, actor, 'IMPORT', importId, null, { ...result, sourceIds: valid.sources.map((s) => s.id) });
        return { ...result, changeId };
      },
      600_000,
    );
  }

  async changes(args: { since: string | null; target: string | null; skip: number; limit: number }) {
    const [row] = await this.executor.read('queries/curation/list-changes', args);
    return { total: Number(row?.total ?? 0), changes: (row?.changes ?? []) as Record<string, unknown>[] };
  }
}
