// Marks a relation retired (kept, excluded from reads). $id, $at, $actor, $reason
MATCH (:Entity)-[r {id: $id}]->(:Entity)
SET r.retired = true, r.retiredAt = $at, r.retiredBy = $actor, r.retiredReason = $reason, r.version = r.version + 1
RETURN r {.*} AS props
