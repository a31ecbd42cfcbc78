// Applies changed properties and bumps the version (after lock-entity checked it). $id, $props
MATCH (n:Entity {id: $id})
SET n += $props, n.version = n.version + 1
SET n.sortKey = toLower(n.name)
RETURN n {.*} AS node
