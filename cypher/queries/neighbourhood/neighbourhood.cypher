// A bounded subgraph around $id in one statement: up to three breadth-first hops, each a capped expansion
// of the previous hop's frontier. The frontier of the next hop is the entities first reached in this one,
// in row order, while fewer than $limit entities are included. Hop rows hold node and relationship
// references; properties are read only for what is returned: each included entity once, and the relations
// between included entities (a relation to an entity past the limit is left out and marks the answer
// truncated, as is a hop cut at $cap rows). No row when $id is unknown.
// Template: the TYPES marker is `:A|B|...` (relation types from the RelationType enum) or empty; FILTERS
// holds `AND m.kind IN $kinds` when kinds are given (`AND false` for an empty type list) and the stated
// predicate on r when only stated relations are asked, else nothing. CENTER and NODE are the map
// projections of `c` and `m` the planner compiles from the selection (src/planner: compiledAround);
// RELATION is `properties(x.r)`, or `{id: x.r.id}` when the selection reads no relation property.
// $id, $hops (1-3), $limit (entities), $cap (rows per hop), $kinds
MATCH (c:Entity {id: $id})
CALL (c) {
  MATCH (c)-[r/*TYPES*/]-(m:Entity)
  WHERE r.retired IS NULL /*FILTERS*/
  WITH c, r, m LIMIT $cap
  RETURN collect({id: c.id, other: m.id, r: r, m: m, outgoing: startNode(r) = c}) AS hop1
}
WITH c, hop1, reduce(s = {inc: [c.id], nodes: [], next: []}, x IN hop1 |
  CASE WHEN x.other IN s.inc OR size(s.inc) >= $limit THEN s ELSE {inc: s.inc + x.other, nodes: s.nodes + x.m, next: s.next + x.other} END) AS s1
CALL (s1) {
  UNWIND CASE WHEN $hops >= 2 THEN s1.next ELSE [] END AS fid
  MATCH (n:Entity {id: fid})-[r/*TYPES*/]-(m:Entity)
  WHERE r.retired IS NULL /*FILTERS*/
  WITH n, r, m LIMIT $cap
  RETURN collect({id: n.id, other: m.id, r: r, m: m, outgoing: startNode(r) = n}) AS hop2
}
WITH c, hop1, hop2, reduce(s = {inc: s1.inc, nodes: s1.nodes, next: []}, x IN hop2 |
  CASE WHEN x.other IN s.inc OR size(s.inc) >= $limit THEN s ELSE {inc: s.inc + x.other, nodes: s.nodes + x.m, next: s.next + x.other} END) AS s2
CALL (s2) {
  UNWIND CASE WHEN $hops >= 3 THEN s2.next ELSE [] END AS fid
  MATCH (n:Entity {id: fid})-[r/*TYPES*/]-(m:Entity)
  WHERE r.retired IS NULL /*FILTERS*/
  WITH n, r, m LIMIT $cap
  RETURN collect({id: n.id, other: m.id, r: r, m: m, outgoing: startNode(r) = n}) AS hop3
}
WITH c, [hop1, hop2, hop3][..$hops] AS hops, reduce(s = {inc: s2.inc, nodes: s2.nodes}, x IN hop3 |
  CASE WHEN x.other IN s.inc OR size(s.inc) >= $limit THEN s ELSE {inc: s.inc + x.other, nodes: s.nodes + x.m} END) AS s3
CALL (s3) {
  UNWIND s3.nodes AS m
  RETURN collect(/*NODE*/) AS nodes
}
RETURN /*CENTER*/ AS center, nodes,
  [h IN hops | [x IN h WHERE x.other IN s3.inc | {id: x.id, other: x.other, type: type(x.r), outgoing: x.outgoing, props: /*RELATION*/}]] AS hops,
  any(h IN hops WHERE size(h) >= $cap OR any(x IN h WHERE NOT x.other IN s3.inc)) AS truncated
