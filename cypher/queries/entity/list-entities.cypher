// A page of entities with the total. $kind, $contains (normalised or null), $desc, $byKind, $skip, $limit
CALL {
  MATCH (n:Entity)
  WHERE ($kind IS NULL OR n.kind = $kind) AND ($contains IS NULL OR n.lookup CONTAINS $contains)
  RETURN count(n) AS total
}
CALL {
  MATCH (n:Entity)
  WHERE ($kind IS NULL OR n.kind = $kind) AND ($contains IS NULL OR n.lookup CONTAINS $contains)
  WITH n ORDER BY
    CASE WHEN $byKind THEN n.kind END ASC,
    CASE WHEN $desc THEN null ELSE toLower(n.name) END ASC,
    CASE WHEN $desc THEN toLower(n.name) END DESC,
    n.id ASC
  SKIP $skip LIMIT $limit
  RETURN collect(n {.*}) AS nodes
}
RETURN total, nodes
