// A bounded subgraph around $id in one statement: up to three breadth-first hops, each a capped expansion
// of the previous hop's frontier. The frontier of the next hop is the entities first reached in this one,
// in row order, while fewer than $limit entities are included. Hop rows hold node and relationship
// references; properties are read only for what is returned: each included entity once, and the relations
// between included entities (a relation to an entity past the limit is left out and marks the answer
// truncated, as is a hop cut at $cap rows). No row when $id is unknown.
// Template (src/db/template.ts): the flags SECOND_HOP and THIRD_HOP add the second and third hop (the
// NEXT_HOP section), so a two-hop request plans no third. The TYPES marker is `:A|B|...` (types from the
// RelationType enum) or empty; FILTERS holds `AND m.kind IN $kinds` when kinds are given (`AND false` for
// an empty type list) and the stated predicate on r when only stated relations are asked, else nothing.
// CENTER and NODE are the projections (lists) of `c` and `m` the planner compiles from the selection
// (src/planner: compiledAround); RELATION is `, properties(x.r)`, or nothing when the selection reads no
// relation property. Each returned relation is a list (no key travels with it): the id of the end it was
// reached from, the other end's id, its type, whether it points away from the first end, its id, and its
// properties when selected. The state `s` holds the included ids (`inc`), the included entities besides
// the centre (`nodes`) and the next frontier (`next`).
// $id, $limit (entities), $cap (rows per hop), $kinds
MATCH (c:Entity {id: $id})
CALL (c) {
  MATCH (c)-[r/*TYPES*/]-(m:Entity)
  WHERE r.retired IS NULL /*FILTERS*/
  WITH c, r, m LIMIT $cap
  RETURN collect({id: c.id, other: m.id, r: r, m: m, outgoing: startNode(r) = c}) AS hop
}
WITH c, [hop] AS hops, reduce(a = {inc: [c.id], nodes: [], next: []}, x IN hop |
  CASE WHEN x.other IN a.inc OR size(a.inc) >= $limit THEN a ELSE {inc: a.inc + x.other, nodes: a.nodes + x.m, next: a.next + x.other} END) AS s
/*SECOND_HOP*/ /*NEXT_HOP*/
/*THIRD_HOP*/ /*NEXT_HOP*/
CALL (s) {
  UNWIND s.nodes AS m
  RETURN collect(/*NODE*/) AS nodes
}
RETURN /*CENTER*/ AS center, nodes,
  [h IN hops | [x IN h WHERE x.other IN s.inc | [x.id, x.other, type(x.r), x.outgoing, x.r.id/*RELATION*/]]] AS hops,
  any(h IN hops WHERE size(h) >= $cap OR any(x IN h WHERE NOT x.other IN s.inc)) AS truncated
// @NEXT_HOP
CALL (s) {
  UNWIND s.next AS fid
  MATCH (n:Entity {id: fid})-[r/*TYPES*/]-(m:Entity)
  WHERE r.retired IS NULL /*FILTERS*/
  WITH n, r, m LIMIT $cap
  RETURN collect({id: n.id, other: m.id, r: r, m: m, outgoing: startNode(r) = n}) AS hop
}
WITH c, hops + [hop] AS hops, reduce(a = {inc: s.inc, nodes: s.nodes, next: []}, x IN hop |
  CASE WHEN x.other IN a.inc OR size(a.inc) >= $limit THEN a ELSE {inc: a.inc + x.other, nodes: a.nodes + x.m, next: a.next + x.other} END) AS s
