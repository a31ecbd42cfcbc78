// One breadth-first step: relations of the frontier entities, with the entity at the other end.
// $ids, $types, $kinds (or null), $cap
UNWIND $ids AS id
MATCH (n:Entity {id: id})-[r]-(m:Entity)
WHERE r.retired IS NULL AND ($types IS NULL OR type(r) IN $types) AND ($kinds IS NULL OR m.kind IN $kinds)
RETURN id, m.id AS other, type(r) AS type, startNode(r) = n AS outgoing, r {.*} AS props, m {.*} AS node
LIMIT $cap
