// Issue 11 (page of instruments by date range, with its total): `entities(from:, to:)` keeps an entity whose
// date field overlaps the range: `n.<f>_end >= $from AND n.<f>_start <= $to`, ORed over the date fields of
// the kinds it may return. Without an index every entity of the label is read and each of its date fields
// compared (the count of 20,000 instruments at the 100k bench scale: 166,000 property reads). A composite
// range index on (<f>_start, <f>_end) lets Neo4j seek on `<f>_start <= $to` and test `<f>_end` from the
// index entry itself, one seek per field, their union deduplicated: no node is read to filter it.
// One index per kind label and date field (DATE_FIELDS_BY_TYPE in src/modules/entity/entity.fields.ts, which
// test/integration/entities.test.ts holds this file to), and one per date field on :Entity for lists of
// every kind. Nothing is backfilled: an index covers the properties the nodes already have.
CREATE INDEX instrument_period_span IF NOT EXISTS FOR (n:Instrument) ON (n.period_start, n.period_end);
CREATE INDEX instrument_drafted_span IF NOT EXISTS FOR (n:Instrument) ON (n.drafted_start, n.drafted_end);
CREATE INDEX instrument_adopted_span IF NOT EXISTS FOR (n:Instrument) ON (n.adopted_start, n.adopted_end);
CREATE INDEX instrument_signed_span IF NOT EXISTS FOR (n:Instrument) ON (n.signed_start, n.signed_end);
CREATE INDEX instrument_ends_span IF NOT EXISTS FOR (n:Instrument) ON (n.ends_start, n.ends_end);
CREATE INDEX meeting_date_span IF NOT EXISTS FOR (n:Meeting) ON (n.date_start, n.date_end);
CREATE INDEX mandate_date_span IF NOT EXISTS FOR (n:Mandate) ON (n.date_start, n.date_end);
CREATE INDEX entity_date_span IF NOT EXISTS FOR (n:Entity) ON (n.date_start, n.date_end);
CREATE INDEX entity_period_span IF NOT EXISTS FOR (n:Entity) ON (n.period_start, n.period_end);
CREATE INDEX entity_drafted_span IF NOT EXISTS FOR (n:Entity) ON (n.drafted_start, n.drafted_end);
CREATE INDEX entity_adopted_span IF NOT EXISTS FOR (n:Entity) ON (n.adopted_start, n.adopted_end);
CREATE INDEX entity_signed_span IF NOT EXISTS FOR (n:Entity) ON (n.signed_start, n.signed_end);
CREATE INDEX entity_ends_span IF NOT EXISTS FOR (n:Entity) ON (n.ends_start, n.ends_end);
