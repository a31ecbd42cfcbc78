// Adoption rows of instruments developed under one article (anchored on its id). $article, $relations, $skip, $limit
// One row per (meeting, instrument, article); article is null when none is recorded. Rows carry the three
// entities, so the resolvers read them without another statement.
MATCH (:Entity {id: $article})<-[:DEVELOPED_UNDER]-(i:Entity)-[r:SIGNED_AT|ADOPTED_AT]->(m:Entity)
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
  meetingId: m.id, instrumentId: i.id, relation: type(r), articleId: a.id, meeting: m, instrument: i, article: a,
  sourceIds: r.sourceIds + coalesce(d.sourceIds, []), quotes: r.quotes + coalesce(d.quotes, [])
}) AS rows
RETURN size(rows) AS total,
       [x IN rows[$skip..($skip + $limit)] | x {.*, meeting: properties(x.meeting), instrument: properties(x.instrument), article: properties(x.article)}] AS rows
