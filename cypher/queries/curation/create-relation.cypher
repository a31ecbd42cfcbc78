// A new relation between live entities at version 1. $from, $to, $type, $props
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
CREATE (a)-[r:$($type)]->(b)
SET r += $props, r.version = 1
RETURN r {.*} AS props
