// Takes the write lock of every stored relation an import names (live or retired), then reads it.
// $relations: [{id, from, to}]
UNWIND $relations AS rel
OPTIONAL MATCH (:Entity {id: rel.from})-[r {id: rel.id}]->(:Entity {id: rel.to})
SET r.version = coalesce(r.version, 1)
RETURN rel.id AS id, r {.*} AS props
