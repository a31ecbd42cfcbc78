// Which of $ids exist as live entities, and which as retired ones.
UNWIND $ids AS id
RETURN id, EXISTS { MATCH (:Entity {id: id}) } AS live, EXISTS { MATCH (:Retired {id: id}) } AS retired
