// The shortest path(s) between two entities in one statement, bounded: the GQL `SHORTEST` search expands
// breadth-first with the relation predicate checked during the search, and its length bound is part of
// the pattern, so there is no exhaustive fallback (the old shortestPath() with a `length(p) <= $maxLength`
// filter searched every path up to 8 hops when the ends were not connected within $maxLength).
// Template: the SEARCH marker is `SHORTEST 1` or `ALL SHORTEST`, the MAX marker the validated maxLength (1-8): a
// length bound cannot be a parameter; the STATED marker is `AND <stated predicate on r>` when only stated
// relations may be walked, else nothing. One row: whether each end exists, the paths with their entities.
// NODE is the map projection of `n` the planner compiles from the selection (src/planner: compiledAround);
// RELATION is `x {.*}`, or `{id: x.id}` when the selection reads no property of a hop's relation.
// Paths of equal length come in the order of their entity ids, so one question always gets one answer.
// $from, $to, $exclude (relation types not to walk), $limit
OPTIONAL MATCH (a:Entity {id: $from})
OPTIONAL MATCH (b:Entity {id: $to})
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound, COLLECT {
  MATCH p = /*SEARCH*/ (a)((:Entity)-[r WHERE r.retired IS NULL AND NOT type(r) IN $exclude /*STATED*/]-(:Entity)){1,/*MAX*/}(b)
  WITH p ORDER BY [n IN nodes(p) | n.id] LIMIT $limit
  RETURN {
    nodes: [n IN nodes(p) | /*NODE*/],
    rels: [x IN relationships(p) | {type: type(x), from: startNode(x).id, to: endNode(x).id, props: /*RELATION*/}]
  }
} AS paths
