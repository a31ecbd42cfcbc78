// Upsert sources by id. $sources: [{id, props}]
UNWIND $sources AS s
MERGE (x:Source {id: s.id})
SET x += s.props
RETURN count(x) AS count
