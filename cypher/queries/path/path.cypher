// The shortest path(s) between two entities in one statement, bounded: shortestPath()/allShortestPaths()
// with the length bound in the pattern and every predicate universal over the path's entities or relations
// (`all(r IN relationships(p) WHERE <r only>)`), which Neo4j checks during its bidirectional breadth-first
// search, so the plan has no exhaustive fallback (a `length(p) <= $maxLength` filter would have one).
// Measured on the 100k bench graph: 5,718 db hits and about 5 ms, against 27,265 and 13 ms for the GQL
// `SHORTEST 1` form (a StatefulShortestPath(Into) that expands far more of the graph).
// Template: the SEARCH marker is `shortestPath` or `allShortestPaths`, the MAX marker the validated maxLength (1-8): a
// length bound cannot be a parameter; the STATED marker is `AND <stated predicate on r>` when only stated
// relations may be walked, else nothing. One row: whether each end exists, the paths with their entities.
// Each path is a list [nodes, rels], each relation a list [type, from, to, props]: no key names per hop.
// NODE is the projection (a list) of `n` the planner compiles from the selection (src/planner: compiledAround);
// RELATION is `x {.*}`, or `{id: x.id}` when the selection reads no property of a hop's relation.
// Paths of equal length come in the order of their entity ids, so one question always gets one answer.
// $from, $to, $exclude (relation types not to walk), $limit
OPTIONAL MATCH (a:Entity {id: $from})
OPTIONAL MATCH (b:Entity {id: $to})
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound, COLLECT {
  MATCH p = /*SEARCH*/((a)-[*1../*MAX*/]-(b))
  WHERE all(n IN nodes(p) WHERE n:Entity) AND all(r IN relationships(p) WHERE r.retired IS NULL AND NOT type(r) IN $exclude /*STATED*/)
  WITH p ORDER BY [n IN nodes(p) | n.id] LIMIT $limit
  RETURN [
    [n IN nodes(p) | /*NODE*/],
    [x IN relationships(p) | [type(x), startNode(x).id, endNode(x).id, /*RELATION*/]]
  ]
} AS paths
