// Every source, live entity and live relation, for export. $ids: entity ids to keep, or null for all.
CALL { MATCH (s:Source) RETURN collect(s {.*}) AS sources }
CALL { MATCH (n:Entity) WHERE $ids IS NULL OR n.id IN $ids RETURN collect(n {.*}) AS nodes }
CALL {
  MATCH (a:Entity)-[r]->(b:Entity)
  WHERE r.retired IS NULL AND ($ids IS NULL OR (a.id IN $ids AND b.id IN $ids))
  RETURN collect({type: type(r), from: a.id, to: b.id, props: r {.*}}) AS relations
}
RETURN sources, nodes, relations
