// Lineage around $id in one statement: the root, every lineage step (each relation once, at the smallest
// depth it is reached; ancestors follow relations outwards to older things, descendants inwards) and the
// entities the steps touch. One row; root is null when $id is unknown. $depth (1-10), $kinds, $up, $down
OPTIONAL MATCH (root:Entity {id: $id})
OPTIONAL CALL (root) {
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
WITH root, r, direction, min(depth) AS depth
WITH root, r, direction, depth, startNode(r) AS a, endNode(r) AS b
ORDER BY depth, direction, coalesce(a.period_start, a.adopted_start, a.signed_start, a.date_start, '9999') DESC, a.id, b.id
WITH root, collect(CASE WHEN r IS NULL THEN null ELSE {depth: depth, direction: direction, type: type(r), from: a.id, to: b.id, props: r {.*}} END) AS steps,
     collect(DISTINCT a) + collect(DISTINCT b) AS touched
RETURN root {.*} AS root, steps, [n IN touched WHERE n IS NOT NULL | n {.*}] AS nodes
