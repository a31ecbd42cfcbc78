// Upsert relations by id between existing entities. $relations: [{id, type, from, to, props}]
UNWIND $relations AS r
MATCH (a:Entity {id: r.from})
MATCH (b:Entity {id: r.to})
MERGE (a)-[x:$(r.type) {id: r.id}]->(b)
SET x += r.props
RETURN count(x) AS count
