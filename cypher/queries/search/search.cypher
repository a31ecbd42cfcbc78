// Ranked full-text search (Lucene syntax; the caller escapes user text): the total (of at most $fetch
// ranked hits) and one page of hits with their entities. $query, $kinds, $fetch, $skip, $limit
CALL {
  CALL db.index.fulltext.queryNodes('entity_search', $query, {limit: $fetch}) YIELD node
  WHERE $kinds IS NULL OR node.kind IN $kinds
  RETURN count(node) AS total
}
CALL {
  CALL db.index.fulltext.queryNodes('entity_search', $query, {limit: $fetch}) YIELD node, score
  WHERE $kinds IS NULL OR node.kind IN $kinds
  WITH node, score ORDER BY score DESC, node.name
  SKIP $skip LIMIT $limit
  RETURN collect({node: node {.*}, score: score}) AS page
}
RETURN total, page
