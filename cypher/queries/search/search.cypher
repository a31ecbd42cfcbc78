// Ranked search: one full-text call (Lucene syntax; the caller escapes user text) plus the entities whose
// name or alias has the lookup form $key, so an exact name or alias ("SPA II", also written "SPA 2") ranks
// first: name matches, then alias matches, then full-text score. Pages in Cypher over at most $fetch hits.
// $query, $key ("|form|"), $kinds (or null), $fetch, $skip, $limit
CALL () {
  MATCH (n:Entity)
  WHERE n.lookup CONTAINS $key
  RETURN n AS node, 0.0 AS score
  UNION
  CALL db.index.fulltext.queryNodes('entity_search', $query, {limit: $fetch}) YIELD node, score
  RETURN node, score
}
WITH node, max(score) AS score
WHERE $kinds IS NULL OR node.kind IN $kinds
WITH node, score, node.lookup CONTAINS $key AS exact
ORDER BY exact DESC, CASE WHEN exact THEN size(split(node.lookup, $key)[0]) END, score DESC, node.name
LIMIT $fetch
WITH collect({node: node {.*}, score: score, exact: exact}) AS hits
RETURN size(hits) AS total, hits[$skip..($skip + $limit)] AS page
