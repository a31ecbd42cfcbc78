// Entities whose normalised name or alias equals $key ("|name|"), text-index backed. $kind optional.
MATCH (n:Entity)
WHERE n.lookup CONTAINS $key AND ($kind IS NULL OR n.kind = $kind)
RETURN n {.*} AS node
ORDER BY n.name
LIMIT 100
