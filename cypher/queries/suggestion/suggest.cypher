// Ids to suggest for an id no entity has, best first: the id in another case, ids ending in it after their
// prefix (`spa-2` -> `instrument:spa-2`), then entities with one of its lookup forms as name or alias (the
// forgiving rule of `lookup`: the stored key lists the forms, the name's first, so an earlier one ranks first).
// Template: the LABEL marker is a kind from the model's NODE_KINDS, or Entity for any kind.
// $text (the id as given), $tail (its part after the last `:`), $keys (lookup forms as "|form|"), $limit
MATCH (n:/*LABEL*/)
WHERE toLower(n.id) = toLower($text) OR n.id ENDS WITH ':' + $tail OR any(k IN $keys WHERE n.lookup CONTAINS k)
WITH n,
     CASE WHEN toLower(n.id) = toLower($text) THEN 0 WHEN n.id ENDS WITH ':' + $tail THEN 1 ELSE 2 END AS rank,
     reduce(at = 1000000, k IN $keys | CASE WHEN n.lookup CONTAINS k AND size(split(n.lookup, k)[0]) < at THEN size(split(n.lookup, k)[0]) ELSE at END) AS at
ORDER BY rank, at, n.name
LIMIT $limit
RETURN n.id AS id
