// Whether a relation with this id exists (live or retired) between the two entities.
MATCH (:Entity {id: $from})-[r {id: $id}]->(:Entity {id: $to})
RETURN count(r) > 0 AS exists
