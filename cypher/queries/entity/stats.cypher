// Entity counts by kind, relation counts by type, source count.
CALL { MATCH (n:Entity) WITH n.kind AS kind, count(*) AS count ORDER BY kind RETURN collect({kind: kind, count: count}) AS nodesByKind }
CALL { MATCH (:Entity)-[r]->(:Entity) WHERE r.retired IS NULL WITH type(r) AS type, count(*) AS count ORDER BY type RETURN collect({type: type, count: count}) AS relationsByType }
CALL { MATCH (s:Source) RETURN count(s) AS sources }
RETURN nodesByKind, relationsByType, sources
