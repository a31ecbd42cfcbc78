// All relations of each entity with the entity at the other end (batched by the relations loader).
// $ids: [string], $perNode: cap per entity
UNWIND $ids AS id
MATCH (n:Entity {id: id})
CALL (n) {
  MATCH (n)-[r]-(m:Entity)
  WHERE r.retired IS NULL
  RETURN r, m
  ORDER BY type(r), m.name
  LIMIT $perNode
}
RETURN id, type(r) AS type, startNode(r) = n AS outgoing, r {.*} AS props, m {.*} AS other
