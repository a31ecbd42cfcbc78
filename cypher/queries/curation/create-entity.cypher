// A new entity with its kind label at version 1. $id, $kind, $props
CREATE (n:Entity {id: $id})
SET n += $props, n:$($kind), n.version = 1
SET n.sortKey = toLower(n.name)
RETURN n {.*} AS node
