/** Explore mode: an entity's neighbourhood, and expansions (all neighbours, or one relation type). */
import { request } from './api.js';
import { ExplorerNeighbourhoodDocument, ExplorerRelationCountsDocument } from './generated.js';
import { addElements, cy } from './graph.js';

export async function drawNeighbourhood(id: string): Promise<boolean> {
  const data = await request(ExplorerNeighbourhoodDocument, { id, hops: 1 });
  const n = data.neighbourhood!;
  addElements(n.nodes, n.relations);
  return n.truncated;
}

/** Adds an expansion (`id` or `id~TYPE`); returns how many entities it added. */
export async function drawExpansion(expansion: string): Promise<number> {
  const [id, type] = expansion.split('~') as [string, string | undefined];
  const before = cy.nodes().length;
  if (type) {
    const data = await request(ExplorerRelationCountsDocument, { id });
    const rels = (data.node?.relations ?? []).filter((r) => r.type === type);
    addElements(
      rels.map((r) => (r.from.id === id ? r.to : r.from)),
      rels,
      id,
    );
  } else {
    const data = await request(ExplorerNeighbourhoodDocument, { id, hops: 1 });
    addElements(data.neighbourhood!.nodes, data.neighbourhood!.relations, id);
  }
  return cy.nodes().length - before;
}
