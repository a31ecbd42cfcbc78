// Entities whose name or an alias has the lookup form $key ("|form|", see normaliseName), text-index backed.
// A match on the name ranks first, then on earlier aliases (the key lists the name's form first). $kind optional.
MATCH (n:Entity)
WHERE n.lookup CONTAINS $key AND ($kind IS NULL OR n.kind = $kind)
RETURN n {.*} AS node
ORDER BY size(split(n.lookup, $key)[0]), n.name
LIMIT 100
