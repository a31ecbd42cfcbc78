// Adoption rows: which meeting signed or adopted which instrument, under which article (one row per
// meeting, instrument and article; the article null when none is recorded), and the instruments the
// governments signed or adopted at no meeting the source names (SPA I: the meeting null, the relation the
// SIGNED_BY/ADOPTED_BY statement, the date the instrument's own). One row: the id arguments that name no
// entity of their kind, the number of rows (null unless TOTAL), and one page of them (SKIP/LIMIT: only the
// page is projected), ordered by date (the meeting's, else the instrument's signing or adoption), then ids.
// Template (see src/db/template.ts): ROWS is the section below, paged, and counted when the TOTAL flag is on
// (counting evaluates every row); the flags MEETING, INSTRUMENT, ARTICLE, RELATIONS compile in their
// filters (NO_MEETING keeps the branch of rows with no meeting, which a meeting filter would empty),
// STATED keeps stated relations only, SOURCES returns each row's sources and quotes and DATES
// the date fields its date is read from (the meeting's, else, for a row with no meeting, the
// instrument's), each when the selection reads them. MEETING_ROW, INSTRUMENT_ROW and ARTICLE_ROW are the
// projections (lists) of `m`, `i` and `a` the planner compiles from the selection (src/planner:
// compiledAround), or `properties(x)`. Each row is a list: [meeting id, instrument id, relation, article id,
// meeting, instrument, article, meeting date, instrument dates, source ids, quotes] (no key names per row).
// $ids ([{argument, id, kind}] to check), $meeting, $instrument, $article, $relations, $skip, $limit
CALL () {
  UNWIND $ids AS c
  OPTIONAL MATCH (n:Entity {id: c.id})
  WITH c, n WHERE n IS NULL OR n.kind <> c.kind
  RETURN collect(c.argument) AS missing
}
CALL () {
/*TOTAL*/  /*ROWS*/
/*TOTAL*/  RETURN count(*) AS total
/*NO_TOTAL*/  RETURN null AS total
}
CALL () {
  /*ROWS*/
  WITH i, m, rels, relation, at, d, a
  ORDER BY at, m.id, i.id, a.id
  SKIP $skip LIMIT $limit
  RETURN collect([
    m.id, i.id, relation, a.id, /*MEETING_ROW*/, /*INSTRUMENT_ROW*/, /*ARTICLE_ROW*/,
/*DATES*/    m {.date_start, .date_end, .date_text, .date_precision, .date_qualifier},
/*DATES*/    CASE WHEN m IS NULL THEN i {.signed_start, .signed_end, .signed_text, .signed_precision, .signed_qualifier, .adopted_start, .adopted_end, .adopted_text, .adopted_precision, .adopted_qualifier} END,
/*NO_DATES*/    null, null,
/*SOURCES*/    reduce(s = [], x IN rels | s + x.sourceIds) + coalesce(d.sourceIds, []),
/*SOURCES*/    reduce(s = [], x IN rels | s + x.quotes) + coalesce(d.quotes, [])
/*NO_SOURCES*/    [], []
  ]) AS rows
}
RETURN missing, total, rows
// @ROWS
  CALL () {
    MATCH (i:Entity)-[r:SIGNED_AT|ADOPTED_AT]->(m:Entity)
    WHERE r.retired IS NULL /*STATED r*/
      /*MEETING*/ AND m.id = $meeting
      /*INSTRUMENT*/ AND i.id = $instrument
    RETURN i, m, [r] AS rels, type(r) AS relation, m.date_start AS at
/*NO_MEETING*/    UNION ALL
/*NO_MEETING*/    MATCH (i:Entity)-[r:SIGNED_BY|ADOPTED_BY]->(:Country)
/*NO_MEETING*/    WHERE r.retired IS NULL /*STATED r*/
/*NO_MEETING*/      /*INSTRUMENT*/ AND i.id = $instrument
/*NO_MEETING*/    WITH i, type(r) AS relation, collect(r) AS rels
/*NO_MEETING*/    WHERE NOT EXISTS { (i)-[x:SIGNED_AT|ADOPTED_AT]->() WHERE x.retired IS NULL /*STATED x*/ }
/*NO_MEETING*/    RETURN i, null AS m, rels, relation, CASE relation WHEN 'ADOPTED_BY' THEN i.adopted_start ELSE i.signed_start END AS at
  }
  WITH i, m, rels, relation, at
  /*RELATIONS*/ WHERE relation IN $relations
  OPTIONAL MATCH (i)-[d:DEVELOPED_UNDER WHERE d.retired IS NULL /*STATED d*/]->(a:Entity)
  WITH i, m, rels, relation, at, d, a
  /*ARTICLE*/ WHERE a.id = $article
