// Issue 11 (large pages): entity lists sort and page on `sortKey` = toLower(name), served by a range index
// per kind label and one on :Entity, with keyset cursors on (sortKey, id). Every write path sets it (bundle
// merge/replace, curation create/update). Databases loaded before this migration get it backfilled here in
// batches of 10,000 (one transaction each); on a fresh database the backfill matches nothing.
CREATE INDEX entity_sort_key IF NOT EXISTS FOR (n:Entity) ON (n.sortKey);
CREATE INDEX process_sort_key IF NOT EXISTS FOR (n:Process) ON (n.sortKey);
CREATE INDEX objective_sort_key IF NOT EXISTS FOR (n:Objective) ON (n.sortKey);
CREATE INDEX mandate_sort_key IF NOT EXISTS FOR (n:Mandate) ON (n.sortKey);
CREATE INDEX region_sort_key IF NOT EXISTS FOR (n:Region) ON (n.sortKey);
CREATE INDEX country_sort_key IF NOT EXISTS FOR (n:Country) ON (n.sortKey);
CREATE INDEX place_sort_key IF NOT EXISTS FOR (n:Place) ON (n.sortKey);
CREATE INDEX task_force_sort_key IF NOT EXISTS FOR (n:TaskForce) ON (n.sortKey);
CREATE INDEX portfolio_sort_key IF NOT EXISTS FOR (n:Portfolio) ON (n.sortKey);
CREATE INDEX workplan_sort_key IF NOT EXISTS FOR (n:Workplan) ON (n.sortKey);
CREATE INDEX organisation_sort_key IF NOT EXISTS FOR (n:Organisation) ON (n.sortKey);
CREATE INDEX office_sort_key IF NOT EXISTS FOR (n:Office) ON (n.sortKey);
CREATE INDEX role_sort_key IF NOT EXISTS FOR (n:Role) ON (n.sortKey);
CREATE INDEX stakeholder_group_sort_key IF NOT EXISTS FOR (n:StakeholderGroup) ON (n.sortKey);
CREATE INDEX report_sort_key IF NOT EXISTS FOR (n:Report) ON (n.sortKey);
CREATE INDEX meeting_sort_key IF NOT EXISTS FOR (n:Meeting) ON (n.sortKey);
CREATE INDEX instrument_sort_key IF NOT EXISTS FOR (n:Instrument) ON (n.sortKey);
CREATE INDEX section_sort_key IF NOT EXISTS FOR (n:Section) ON (n.sortKey);
CREATE INDEX article_sort_key IF NOT EXISTS FOR (n:Article) ON (n.sortKey);
CREATE INDEX preamble_clause_sort_key IF NOT EXISTS FOR (n:PreambleClause) ON (n.sortKey);
CREATE INDEX plan_area_sort_key IF NOT EXISTS FOR (n:PlanArea) ON (n.sortKey);
MATCH (n:Entity) WHERE n.sortKey IS NULL OR n.sortKey <> toLower(n.name)
CALL (n) { SET n.sortKey = toLower(n.name) } IN TRANSACTIONS OF 10000 ROWS;
