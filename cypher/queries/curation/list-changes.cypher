// The audit trail in time order, one page of it. $since (ISO date-time or null), $target, $skip, $limit
// The page is cut here (ORDER BY on the change_at index, SKIP, LIMIT), not after collecting every change.
CALL () {
  MATCH (c:Change)
  WHERE ($since IS NULL OR c.at >= $since) AND ($target IS NULL OR c.target = $target)
  RETURN count(c) AS total
}
CALL () {
  MATCH (c:Change)
  WHERE ($since IS NULL OR c.at >= $since) AND ($target IS NULL OR c.target = $target)
  WITH c ORDER BY c.at, c.id SKIP $skip LIMIT $limit
  RETURN collect(c {.*}) AS changes
}
RETURN total, changes
