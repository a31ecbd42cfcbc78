// Issue 14 (facts a researcher can cite), for databases loaded before it: retires the curated claims the
// corrected data file replaces, and the entities whose ids changed to match their kind; removes the date and
// `current` flag the Secretariat holdings no longer claim. Nothing is deleted (retired records are kept,
// excluded from reads) and one audit record says what was done. On a fresh database it matches nothing and
// records nothing.
// Afterwards `npm run seed` loads the corrected claims (MERGE by id, idempotent).
UNWIND [
  'rel:establishes/instrument.mou-2004/process.commit',
  'rel:based-on/area.spa-2/victim-protection/instrument.mou-2004',
  'rel:based-on/area.spa-2/criminal-justice/instrument.mou-2004',
  'rel:based-on/area.spa-2/prevention/instrument.mou-2004',
  'rel:succeeds/org.un-act/org.uniap',
  'rel:engages/org.un-act/group.ngos',
  'rel:developed-by/instrument.spa-3/taskforce.cambodia',
  'rel:developed-by/instrument.spa-3/taskforce.china',
  'rel:developed-by/instrument.spa-3/taskforce.lao-pdr',
  'rel:developed-by/instrument.spa-3/taskforce.myanmar',
  'rel:developed-by/instrument.spa-3/taskforce.thailand',
  'rel:developed-by/instrument.spa-3/taskforce.viet-nam'
] AS rid
MATCH (:Entity)-[r {id: rid}]->(:Entity)
WHERE r.retired IS NULL
SET r.retired = true, r.retiredAt = toString(datetime()), r.retiredBy = 'migration:007', r.retiredReason = 'Issue 14: the quote does not say this; replaced in the curated data', r.version = coalesce(r.version, 1) + 1;

UNWIND [
  'consultation:spa-1',
  'consultation:spa-2',
  'document:capacity-strategy',
  'document:monitoring-reports',
  'instrument:mou-2004/preamble-1',
  'instrument:mou-2004/preamble-2',
  'instrument:mou-2004/preamble-3',
  'instrument:mou-2004/preamble-4',
  'instrument:mou-2004/preamble-5',
  'instrument:mou-2004/preamble-6',
  'instrument:mou-2004/preamble-7'
] AS nid
MATCH (n:Entity {id: nid})
OPTIONAL MATCH (n)-[r]-()
WHERE r.retired IS NULL
SET r.retired = true, r.retiredAt = toString(datetime()), r.retiredBy = 'migration:007', r.retiredReason = 'Issue 14: entity renamed to an id that matches its kind', r.version = coalesce(r.version, 1) + 1
WITH DISTINCT n
REMOVE n:Entity
REMOVE n:$(n.kind)
SET n:Retired, n.retiredAt = toString(datetime()), n.retiredBy = 'migration:007', n.retiredReason = 'Issue 14: entity renamed to an id that matches its kind', n.version = coalesce(n.version, 1) + 1;

MATCH (:Entity {id: 'org:uniap'})-[r:HOLDS_ROLE]->(:Entity {id: 'role:secretariat'})
WHERE r.date_text IS NOT NULL
REMOVE r.date_text, r.date_start, r.date_end, r.date_precision, r.date_qualifier, r.date_value, r.date_from, r.date_to
SET r.version = coalesce(r.version, 1) + 1;

MATCH (:Entity {id: 'org:un-act'})-[r:HOLDS_ROLE]->(:Entity {id: 'role:secretariat'})
WHERE r.current IS NOT NULL
REMOVE r.current
SET r.version = coalesce(r.version, 1) + 1;

CALL () { MATCH ()-[r]->() WHERE r.retiredBy = 'migration:007' RETURN count(r) AS relations }
CALL () { MATCH (n:Retired) WHERE n.retiredBy = 'migration:007' RETURN count(n) AS entities }
WITH relations, entities WHERE relations + entities > 0
MERGE (c:Change {id: 'migration:007-issue-14-claims'})
ON CREATE SET c.at = toString(datetime()), c.actor = 'migration:007', c.action = 'retire', c.target = 'curated data (issue 14)',
  c.before = null, c.after = null, c.reason = 'Retired ' + relations + ' relations and ' + entities + ' entities the curated data no longer claims (issue 14); removed the Secretariat holding date and current flag; reload the curated data to add the corrected claims.';
