// Ids to suggest for ids no entity has, best first, for each unknown id in one statement: the id in another
// case, ids ending in it after their prefix (`spa-2` -> `instrument:spa-2`), then entities with one of its lookup
// forms as name or alias (the forgiving rule of `lookup`: the stored key lists the forms, the name's first, so an
// earlier one ranks first).
// Template: the LABEL marker is a kind from the model's NODE_KINDS, or Entity for any kind.
// $items: one per unknown id, {text (the id as given), tail (its part after the last `:`), keys (lookup forms
// as "|form|")}; $limit (per id)
UNWIND $items AS item
CALL (item) {
  MATCH (n:/*LABEL*/)
  WHERE toLower(n.id) = toLower(item.text) OR n.id ENDS WITH ':' + item.tail OR any(k IN item.keys WHERE n.lookup CONTAINS k)
  WITH n,
       CASE WHEN toLower(n.id) = toLower(item.text) THEN 0 WHEN n.id ENDS WITH ':' + item.tail THEN 1 ELSE 2 END AS rank,
       reduce(at = 1000000, k IN item.keys | CASE WHEN n.lookup CONTAINS k AND size(split(n.lookup, k)[0]) < at THEN size(split(n.lookup, k)[0]) ELSE at END) AS at
  ORDER BY rank, at, n.name
  LIMIT $limit
  RETURN collect(n.id) AS ids
}
RETURN item.text AS text, ids
