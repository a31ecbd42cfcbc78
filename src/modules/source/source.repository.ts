/** Source document reads, batched by the source loader. */
import type { Executor } from '../../db/executor.js';
import type { SourceRow } from './source.mappers.js';

export class SourceRepository {
  constructor(
    private readonly executor: Executor,
  ) {}

  async byIds(ids: readonly string[]): Promise<Map<string, SourceRow>> {
    const rows = await this.executor.read('queries/source/sources-by-ids', { ids });
    return new Map(rows.map((r) => [(r.source as SourceRow).id, r.source as SourceRow]));
  }

  async all(): Promise<SourceRow[]> {
    const rows = await this.executor.read('queries/source/all-sources', {});
    return rows.map((r) => r.source as SourceRow);
  }
}
