// Takes the write lock of every stored source an import names, then reads it. $ids
UNWIND $ids AS id
MATCH (s:Source {id: id})
SET s.id = s.id
RETURN id, s {.*} AS source
