// Retires an entity and its live relations: the node loses its Entity and kind labels (so every read
// skips it) and gains Retired; nothing is deleted. $id, $at, $actor, $reason
MATCH (n:Entity {id: $id})
OPTIONAL MATCH (n)-[r]-()
WHERE r.retired IS NULL
SET r.retired = true, r.retiredAt = $at, r.retiredBy = $actor, r.retiredReason = $reason, r.version = coalesce(r.version, 1) + 1
WITH n, count(r) AS relations
REMOVE n:Entity
REMOVE n:$(n.kind)
SET n:Retired, n.retiredAt = $at, n.retiredBy = $actor, n.retiredReason = $reason, n.version = n.version + 1
RETURN relations, n {.*} AS node
