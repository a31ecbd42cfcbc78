import { it } from 'vitest';
import { testExecutor } from '../support/graph.js';
const executor = testExecutor();
it('probe', async () => {
  const qs = [
    `MATCH (a:Entity {id: $from}), (b:Entity {id: $to}) MATCH p = SHORTEST 1 (a)((:Entity)-[r WHERE r.retired IS NULL]-(:Entity)){1,6}(b) RETURN [n IN nodes(p) | n.id] AS ids`,
    `MATCH (a:Entity {id: $from}), (b:Entity {id: $to}) MATCH p = SHORTEST 1 (a)-[r WHERE r.retired IS NULL]-{1,6}(b) RETURN [n IN nodes(p) | n.id] AS ids`,
    `OPTIONAL MATCH (a:Entity {id: $from}) OPTIONAL MATCH (b:Entity {id: $to}) RETURN COLLECT { MATCH p = SHORTEST 1 (a)-[r WHERE r.retired IS NULL]-{1,6}(b) RETURN [n IN nodes(p) | n.id] } AS ids`,
  ];
  for (const q of qs) console.log(JSON.stringify(await executor.readText('p', q, { from: 'instrument:mou-2004/article-31', to: 'meeting:imm-2' })));
  await executor.close();
});
