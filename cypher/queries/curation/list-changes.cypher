// The audit trail in time order. $since (ISO date-time or null), $target, $skip, $limit
MATCH (c:Change)
WHERE ($since IS NULL OR c.at >= $since) AND ($target IS NULL OR c.target = $target)
WITH c ORDER BY c.at, c.id
WITH collect(c {.*}) AS changes
RETURN size(changes) AS total, changes[$skip..($skip + $limit)] AS changes
