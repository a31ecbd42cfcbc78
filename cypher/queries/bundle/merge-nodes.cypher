// Upsert entities by id; the kind becomes a second label. $nodes: [{id, kind, props}]
UNWIND $nodes AS n
MERGE (x:Entity {id: n.id})
SET x += n.props, x:$(n.kind)
RETURN count(x) AS count
