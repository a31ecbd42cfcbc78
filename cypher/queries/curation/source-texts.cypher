// Stored texts of sources, for checking quotes. $ids: [string] or null for all
MATCH (s:Source)
WHERE $ids IS NULL OR s.id IN $ids
RETURN s.id AS id, s.text AS text
