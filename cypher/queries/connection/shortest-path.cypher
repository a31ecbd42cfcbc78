// One shortest path between two entities over any relations, excluding $exclude types. $maxLength <= 8.
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = shortestPath((a)-[*..8]-(b))
WHERE length(p) <= $maxLength AND none(x IN relationships(p) WHERE type(x) IN $exclude OR x.retired IS NOT NULL)
RETURN [n IN nodes(p) | n.id] AS nodeIds,
       [x IN relationships(p) | {type: type(x), from: startNode(x).id, to: endNode(x).id, props: x {.*}}] AS rels
LIMIT $limit
