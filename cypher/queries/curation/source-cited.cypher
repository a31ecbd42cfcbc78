// Whether any entity or relation cites source $id (then its text is immutable).
RETURN EXISTS { MATCH (n:Entity) WHERE $id IN n.sourceIds } OR EXISTS { MATCH (:Entity)-[r]->() WHERE $id IN r.sourceIds } AS cited
