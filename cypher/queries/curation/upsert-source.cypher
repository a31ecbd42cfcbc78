// Stores a source (new, or an uncited one whose text changes). $id, $props
MERGE (s:Source {id: $id})
SET s += $props
RETURN s {.*} AS source
