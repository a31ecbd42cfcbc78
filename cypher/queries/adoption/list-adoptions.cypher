// Which meeting signed/adopted which instrument, under which article. One row per (meeting, instrument,
// article); article is null when none is recorded. The first given of $meeting, $instrument, $article
// anchors the match on its id (index seek); the others filter. $relations, $skip, $limit
CALL {
  WITH $meeting AS anchor
  WITH anchor WHERE anchor IS NOT NULL
  MATCH (i:Entity)-[r:SIGNED_AT|ADOPTED_AT]->(m:Entity {id: anchor})
  RETURN i, r, m
  UNION
  WITH $instrument AS anchor
  WITH anchor WHERE $meeting IS NULL AND anchor IS NOT NULL
  MATCH (i:Entity {id: anchor})-[r:SIGNED_AT|ADOPTED_AT]->(m:Entity)
  RETURN i, r, m
  UNION
  WITH $article AS anchor
  WITH anchor WHERE $meeting IS NULL AND $instrument IS NULL AND anchor IS NOT NULL
  MATCH (:Entity {id: anchor})<-[:DEVELOPED_UNDER]-(i:Entity)-[r:SIGNED_AT|ADOPTED_AT]->(m:Entity)
  RETURN i, r, m
  UNION
  WITH 1 AS unanchored
  WITH unanchored WHERE $meeting IS NULL AND $instrument IS NULL AND $article IS NULL
  MATCH (i:Entity)-[r:SIGNED_AT|ADOPTED_AT]->(m:Entity)
  RETURN i, r, m
}
WITH i, r, m
WHERE r.retired IS NULL
  AND ($meeting IS NULL OR m.id = $meeting)
  AND ($instrument IS NULL OR i.id = $instrument)
  AND ($relations IS NULL OR type(r) IN $relations)
OPTIONAL MATCH (i)-[d:DEVELOPED_UNDER WHERE d.retired IS NULL]->(a:Entity)
WITH m, i, r, d, a
WHERE $article IS NULL OR a.id = $article
WITH m, i, r, d, a
ORDER BY m.date_start, m.id, i.id, a.id
WITH collect({
  meetingId: m.id, instrumentId: i.id, relation: type(r), articleId: a.id,
  sourceIds: r.sourceIds + coalesce(d.sourceIds, []), quotes: r.quotes + coalesce(d.quotes, [])
}) AS rows
RETURN size(rows) AS total, rows[$skip..($skip + $limit)] AS rows
