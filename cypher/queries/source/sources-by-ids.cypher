// Sources by id (batched by the source loader). $ids: [string]
UNWIND $ids AS id
MATCH (s:Source {id: id})
RETURN s {.*} AS source
