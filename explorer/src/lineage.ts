/**
 * Lineage mode: the lineage steps of an entity, each drawn as stated (newer -> older, e.g. "SPA III
 * SUCCEEDS SPA II"), with the context that tells the story: the articles and sections as PART_OF their
 * instrument, and the meetings where instruments were adopted or signed (dashed edges).
 */
import { request } from './api.js';
import { ExplorerLineageContextDocument, ExplorerLineageDocument } from './generated.js';
import { addElements, type GNode, type GRel } from './graph.js';

export async function drawLineage(id: string) {
  const { lineage } = await request(ExplorerLineageDocument, { id });
  if (!lineage) throw new Error('No lineage.');
  const rels = lineage.steps.map((s) => ({ id: `lineage:${s.from.id}:${s.relation}:${s.to.id}`, type: s.relation, basis: s.basis, from: s.from, to: s.to }));
  addElements(lineage.nodes, rels);
  const ids = lineage.nodes.map((n) => n.id);
  const context = await request(ExplorerLineageContextDocument, { ids });
  const nodes: GNode[] = [];
  const contextRels: GRel[] = [];
  for (const n of context.nodes) {
    for (const r of n?.relations ?? []) {
      nodes.push(r.to);
      contextRels.push(r);
      for (const up of r.to.relations) {
        nodes.push(up.to);
        contextRels.push(up);
      }
    }
  }
  // Only the PART_OF chain that ends inside the lineage, and the meetings.
  const keep = contextRels.filter((r) => r.type !== 'PART_OF' || ids.includes(r.to.id) || contextRels.some((o) => o.type === 'PART_OF' && o.from.id === r.to.id && ids.includes(o.to.id)));
  const keptIds = new Set(keep.flatMap((r) => [r.from.id, r.to.id]));
  addElements(nodes.filter((n) => keptIds.has(n.id)), keep, undefined, { context: true });
  return lineage;
}
