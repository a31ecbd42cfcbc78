// Replaces changed entities' properties (kind and label unchanged) and bumps the version they were read at.
// $nodes: [{id, version, props}]
UNWIND $nodes AS n
MATCH (x:Entity {id: n.id})
SET x = n.props, x.version = n.version + 1
SET x.sortKey = toLower(x.name)
RETURN count(x) AS count
