/** Path mode: the shortest connections between two entities, the first highlighted. */
import { request } from './api.js';
import { ExplorerPathDocument, type ExplorerPathQuery } from './generated.js';
import { addElements, cy } from './graph.js';

export async function drawPath(from: string, to: string): Promise<ExplorerPathQuery['connection']> {
  const data = await request(ExplorerPathDocument, { from, to });
  for (const p of data.connection) addElements(p.nodes, p.hops.map((h) => h.relation));
  const first = data.connection[0];
  if (first) {
    for (const n of first.nodes) cy.getElementById(n.id).addClass('path');
    for (const h of first.hops) cy.getElementById(h.relation.id).addClass('path');
  }
  return data.connection;
}
