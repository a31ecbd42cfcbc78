// Ranked search: one full-text call (Lucene syntax; the caller escapes user text) plus the entities whose
// name or alias has the lookup form $key, so an exact name or alias ("SPA II", also written "SPA 2") ranks
// first: name matches, then alias matches, then full-text score. The full-text call returns at most $fetch
// hits; one row: the number of hits, capped at $fetch (null unless TOTAL), and one page of them (one
// ORDER BY with SKIP/LIMIT over the ranking; the caller keeps $skip + $limit within $fetch, and only the
// page is projected). A hit is exact when the lookup branch found it (that branch is exactly the entities
// whose lookup contains $key), so no hit's lookup is read unless it is exact. Each hit is a list
// [node, passageFrom, score, exact]: no key names travel per hit.
// Template (see src/db/template.ts): HITS is the section below, paged, and counted when the TOTAL flag is
// on; the KINDS flag compiles in the kinds filter. NODE is the projection of `node` the planner
// compiles from the selection (src/planner: compiledAround); PASSAGE is the projection of the fields a
// hit's matched passage is read from (`node {.name, .aliases, ...}`), or null when no hit's field or
// passage is selected.
// $query, $key ("|form|"), $kinds, $fetch, $skip, $limit
CALL () {
/*TOTAL*/  /*HITS*/
/*TOTAL*/  WITH count(*) AS hits
/*TOTAL*/  RETURN CASE WHEN hits > $fetch THEN $fetch ELSE hits END AS total
/*NO_TOTAL*/  RETURN null AS total
}
CALL () {
  /*HITS*/
  WITH node, score, exact
  ORDER BY exact DESC, CASE WHEN exact THEN size(split(node.lookup, $key)[0]) END, score DESC, node.name, node.id
  SKIP $skip LIMIT $limit
  RETURN collect([/*NODE*/, /*PASSAGE*/, score, exact]) AS page
}
RETURN total, page
// @HITS
  CALL () {
    MATCH (n:Entity)
    WHERE n.lookup CONTAINS $key
    RETURN n AS node, 0.0 AS score, true AS exact
    UNION ALL
    CALL db.index.fulltext.queryNodes('entity_search', $query, {limit: $fetch}) YIELD node, score
    RETURN node, score, false AS exact
  }
  WITH node, max(score) AS score, max(exact) AS exact
  /*KINDS*/ WHERE node.kind IN $kinds
