// Takes a live relation's write lock, then reads it. $id
MATCH (a:Entity)-[r {id: $id}]->(b:Entity)
WHERE r.retired IS NULL
SET r.version = coalesce(r.version, 1)
RETURN r {.*} AS props, type(r) AS type, a.id AS from, b.id AS to
