// Upsert relations by id between existing entities; each write bumps the version. $relations: [{id, type, from, to, props}];
// props carry basis (STATED/INFERRED) and reasoning (null for a stated relation, which removes a stale one).
UNWIND $relations AS r
MATCH (a:Entity {id: r.from})
MATCH (b:Entity {id: r.to})
MERGE (a)-[x:$(r.type) {id: r.id}]->(b)
SET x += r.props, x.version = coalesce(x.version, 0) + 1
RETURN count(x) AS count
