// Lookups used by the API: by kind, by normalised name/alias (|key|key| with CONTAINS), by date.
CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind);
CREATE TEXT INDEX entity_lookup IF NOT EXISTS FOR (n:Entity) ON (n.lookup);
CREATE INDEX entity_date_start IF NOT EXISTS FOR (n:Entity) ON (n.date_start);
