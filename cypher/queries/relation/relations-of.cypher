// Relations of each entity with the entity at the other end (batched by the relations loader), optionally
// only some types and one direction; at most $perNode per entity. Callers sort. $ids, $types (or null),
// $direction ('out', 'in', 'both'), $perNode
UNWIND $ids AS id
MATCH (n:Entity {id: id})
CALL (n) {
  MATCH (n)-[r]-(m:Entity)
  WHERE r.retired IS NULL
    AND ($types IS NULL OR type(r) IN $types)
    AND ($direction = 'both' OR ($direction = 'out') = (startNode(r) = n))
  RETURN r, m
  LIMIT $perNode
}
RETURN id, type(r) AS type, startNode(r) = n AS outgoing, r {.*} AS props, m {.*} AS other
