// Takes the write lock of every live entity an import names, then reads it; also says which ids are
// retired. $ids. Versions read here cannot change before the import commits.
UNWIND $ids AS id
OPTIONAL MATCH (n:Entity {id: id})
SET n.version = coalesce(n.version, 1)
WITH id, n
OPTIONAL MATCH (r:Retired {id: id})
RETURN id, n {.*} AS node, r IS NOT NULL AS retired
