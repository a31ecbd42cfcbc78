// Upsert entities by id; the kind becomes a second label; each write bumps the version. $nodes: [{id, kind, props}]
UNWIND $nodes AS n
MERGE (x:Entity {id: n.id})
SET x += n.props, x:$(n.kind), x.version = coalesce(x.version, 0) + 1
SET x.sortKey = toLower(x.name)
RETURN count(x) AS count
