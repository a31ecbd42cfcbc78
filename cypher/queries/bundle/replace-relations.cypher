// Replaces changed live relations' properties and bumps the version they were read at.
// $relations: [{id, from, to, version, props}]
UNWIND $relations AS r
MATCH (:Entity {id: r.from})-[x {id: r.id}]->(:Entity {id: r.to})
SET x = r.props, x.version = r.version + 1
RETURN count(x) AS count
