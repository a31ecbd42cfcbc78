// A bounded subgraph around $id in one statement: up to three breadth-first hops, each a capped expansion
// of the previous hop's frontier. The frontier of the next hop is the entities first reached in this one,
// in row order, while fewer than $limit entities are included (the same rule the resolver applies to the
// rows, so the answer is the one the per-hop statements gave). No row when $id is unknown.
// Template: the TYPES marker is `:A|B|...` (relation types from the RelationType enum) or empty; FILTERS
// holds `AND m.kind IN $kinds` when kinds are given (`AND false` for an empty type list) and the stated
// predicate on r when only stated relations are asked, else nothing.
// $id, $hops (1-3), $limit (entities), $cap (rows per hop), $kinds
MATCH (c:Entity {id: $id})
CALL (c) {
  MATCH (c)-[r/*TYPES*/]-(m:Entity)
  WHERE r.retired IS NULL /*FILTERS*/
  WITH c, r, m LIMIT $cap
  RETURN collect({id: c.id, other: m.id, type: type(r), outgoing: startNode(r) = c, props: r {.*}, node: m {.*}}) AS hop1
}
WITH c, hop1, reduce(s = {inc: [c.id], next: []}, x IN hop1 |
  CASE WHEN x.other IN s.inc OR size(s.inc) >= $limit THEN s ELSE {inc: s.inc + x.other, next: s.next + x.other} END) AS s1
CALL (s1) {
  UNWIND CASE WHEN $hops >= 2 THEN s1.next ELSE [] END AS fid
  MATCH (n:Entity {id: fid})-[r/*TYPES*/]-(m:Entity)
  WHERE r.retired IS NULL /*FILTERS*/
  WITH n, r, m LIMIT $cap
  RETURN collect({id: n.id, other: m.id, type: type(r), outgoing: startNode(r) = n, props: r {.*}, node: m {.*}}) AS hop2
}
WITH c, hop1, hop2, reduce(s = {inc: s1.inc, next: []}, x IN hop2 |
  CASE WHEN x.other IN s.inc OR size(s.inc) >= $limit THEN s ELSE {inc: s.inc + x.other, next: s.next + x.other} END) AS s2
CALL (s2) {
  UNWIND CASE WHEN $hops >= 3 THEN s2.next ELSE [] END AS fid
  MATCH (n:Entity {id: fid})-[r/*TYPES*/]-(m:Entity)
  WHERE r.retired IS NULL /*FILTERS*/
  WITH n, r, m LIMIT $cap
  RETURN collect({id: n.id, other: m.id, type: type(r), outgoing: startNode(r) = n, props: r {.*}, node: m {.*}}) AS hop3
}
RETURN c {.*} AS center, [hop1, hop2, hop3][..$hops] AS hops
