// Ranked full-text search (Lucene syntax; the caller escapes user text). $query, $kinds, $fetch
CALL db.index.fulltext.queryNodes('entity_search', $query, {limit: $fetch}) YIELD node, score
WHERE $kinds IS NULL OR node.kind IN $kinds
RETURN node {.id, .kind, .name, .aliasText, .description, .text, .quoteText} AS node, score
ORDER BY score DESC, node.name
