// Entity and relation counts (relations between entities only).
CALL { MATCH (n:Entity) RETURN count(n) AS nodes }
CALL { MATCH (:Entity)-[r]->(:Entity) WHERE r.retired IS NULL RETURN count(r) AS relations }
CALL { MATCH (s:Source) RETURN count(s) AS sources }
RETURN nodes, relations, sources
