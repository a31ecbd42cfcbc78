// Takes the entity's write lock first, then reads it: the version returned is the latest committed one.
MATCH (n:Entity {id: $id})
SET n.version = coalesce(n.version, 1)
RETURN n {.*} AS node
