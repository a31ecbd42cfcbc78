// Lineage steps around $id: ancestors follow lineage relations outwards (to older things), descendants
// inwards. Each relation is reported once, at the smallest depth it is reached. $depth (1-10), $kinds,
// $up, $down (booleans).
MATCH (root:Entity {id: $id})
CALL (root) {
  MATCH p = (root)-[:SUCCEEDS|BASED_ON|DEVELOPED_UNDER|IMPLEMENTS|REAFFIRMS|MERGES|EXPANDS|RETITLES*1..10]->(:Entity)
  WHERE $up AND length(p) <= $depth AND all(x IN relationships(p) WHERE type(x) IN $kinds AND x.retired IS NULL)
  UNWIND range(0, length(p) - 1) AS i
  RETURN relationships(p)[i] AS r, i + 1 AS depth, 'ANCESTORS' AS direction
  UNION ALL
  MATCH p = (root)<-[:SUCCEEDS|BASED_ON|DEVELOPED_UNDER|IMPLEMENTS|REAFFIRMS|MERGES|EXPANDS|RETITLES*1..10]-(:Entity)
  WHERE $down AND length(p) <= $depth AND all(x IN relationships(p) WHERE type(x) IN $kinds AND x.retired IS NULL)
  UNWIND range(0, length(p) - 1) AS i
  RETURN relationships(p)[i] AS r, i + 1 AS depth, 'DESCENDANTS' AS direction
}
WITH r, direction, min(depth) AS depth
WITH r, direction, depth, startNode(r) AS a, endNode(r) AS b
RETURN depth, direction, type(r) AS type, a.id AS from, b.id AS to, r {.*} AS props
ORDER BY depth, direction,
  coalesce(a.period_start, a.adopted_start, a.signed_start, a.date_start, '9999') DESC, a.id, b.id
