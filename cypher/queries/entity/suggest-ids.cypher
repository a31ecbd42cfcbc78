// Ids to suggest for an unknown id: entities (of $kind, or any when null) whose name or alias contains $key
// (normalised as lookup keys are), exact name matches first. $key, $kind, $limit
MATCH (n:Entity)
WHERE n.lookup CONTAINS $key AND ($kind IS NULL OR n.kind = $kind)
RETURN n.id AS id
ORDER BY size(split(n.lookup, $key)[0]), n.sortKey, n.id
LIMIT $limit
