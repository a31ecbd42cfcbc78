// Entities by id (batched by the node loader). $ids: [string]
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n {.*} AS node
