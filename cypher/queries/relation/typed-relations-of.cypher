// A typed relation list field of each entity (the loader path: entities reached from adoptions, lineage,
// search...), cut as the planner cuts it: relations of $types in $direction ('out' or 'in') whose other end
// is of $kind (null: any), ordered by position (sequence, order, number), then name without case, then id
// ($byName: by name only), as the planner orders them; at most $limit (the field's cap plus one, so the
// resolver knows it cut). Rows come in that order per entity, which is the list's order.
// $ids, $types, $direction, $kind, $byName, $limit
UNWIND $ids AS id
MATCH (n:Entity {id: id})
CALL (n) {
  MATCH (n)-[r]-(m:Entity)
  WHERE r.retired IS NULL
    AND type(r) IN $types
    AND ($direction = 'out') = (startNode(r) = n)
    AND ($kind IS NULL OR m.kind = $kind)
  WITH r, m, CASE WHEN $byName THEN null ELSE coalesce(r.sequence, r.order, m.sequence, m.order, m.number) END AS position
  ORDER BY position, toLower(m.name), m.id
  LIMIT $limit
  RETURN r, m, position
}
WITH id, n, r, m, position
ORDER BY position, toLower(m.name), m.id
RETURN id, type(r) AS type, startNode(r) = n AS outgoing, r {.*} AS props, m {.*} AS other
