// Dated events from entity date fields and dated relations, in time order. No part follows a retired relation.
// One row: the country ids that name no country, the number of events (null unless TOTAL), and one page of
// them (SKIP/LIMIT: the place of an event is looked up for the page only).
// Template (see src/db/template.ts): EVENTS is the section below, paged, and counted when the TOTAL flag is
// on (counting evaluates every event); the flags
// KINDS, FROM, TO, COUNTRIES compile in their filters and STATED keeps stated claims only (relations of
// basis STATED, dates not among the entity's inferred properties).
// SUBJECT and PLACE are the projections (lists) of `subject` and `place` the planner compiles from the
// selection (src/planner: compiledAround), or `properties(x)`; `place` may be null (its projection is then a
// list of nulls, which its decoder reads as null). Each event is a list: [id, kind, subject id, subject name,
// date, place id, source ids, quotes, subject, place] (no key names per event).
// $countries (ids), $kinds (event kinds), $from/$to (ISO day bounds), $skip, $limit
CALL () {
  UNWIND $countries AS c
  WITH c WHERE NOT EXISTS { MATCH (:Country {id: c}) }
  RETURN collect(c) AS missing
}
CALL () {
/*TOTAL*/  /*EVENTS*/
/*TOTAL*/  RETURN count(*) AS total
/*NO_TOTAL*/  RETURN null AS total
}
CALL () {
  /*EVENTS*/
  WITH id, kind, subject, field, date, sourceIds, quotes
  ORDER BY date.start, date.end, subject.name, kind, id
  SKIP $skip LIMIT $limit
  CALL (subject, field) {
    OPTIONAL MATCH (subject)-[v:SIGNED_AT|ADOPTED_AT|HELD_IN WHERE v.retired IS NULL /*STATED v*/]->(via:Entity)
    WHERE field IS NOT NULL
    WITH via ORDER BY CASE WHEN via.kind = 'Place' THEN 0 ELSE 1 END
    WITH head(collect(via)) AS via
    OPTIONAL MATCH (via)-[h:HELD_IN WHERE h.retired IS NULL /*STATED h*/]->(viaPlace:Entity)
    WITH via, head(collect(viaPlace)) AS viaPlace
    RETURN CASE WHEN via.kind = 'Place' THEN via ELSE viaPlace END AS place
  }
  RETURN collect([
    id, kind, subject.id, subject.name, date, place.id, sourceIds, quotes, /*SUBJECT*/, /*PLACE*/
  ]) AS events
}
RETURN missing, total, events
// @EVENTS
  CALL () {
    MATCH (n:Entity)
    WHERE n.dateFields <> []
    UNWIND n.dateFields AS f
    WITH n, f
    /*STATED*/ WHERE NOT f IN coalesce(n.inferredProperties, [])
    RETURN n.id + '#' + f AS id,
      CASE
        WHEN f = 'date' AND n.kind = 'Mandate' THEN 'DEADLINE'
        WHEN f = 'date' THEN 'MEETING'
        WHEN f = 'signed' THEN 'SIGNING'
        WHEN f = 'adopted' THEN 'ADOPTION'
        WHEN f = 'drafted' THEN 'DRAFTING'
        WHEN f = 'period' THEN 'PLAN_PERIOD'
        WHEN f = 'ends' THEN 'PLAN_END'
      END AS kind, n AS subject, f AS field,
      {text: n[f + '_text'], start: n[f + '_start'], end: n[f + '_end'], precision: n[f + '_precision'], qualifier: n[f + '_qualifier']} AS date,
      n.sourceIds AS sourceIds, n.quotes AS quotes
    UNION ALL
    MATCH (o:Entity)-[r:HOLDS_ROLE]->(:Entity)
    WHERE r.date_start IS NOT NULL AND r.retired IS NULL /*STATED r*/
    RETURN r.id + '#date' AS id, 'ROLE' AS kind, o AS subject, null AS field,
      {text: r.date_text, start: r.date_start, end: r.date_end, precision: r.date_precision, qualifier: r.date_qualifier} AS date,
      r.sourceIds AS sourceIds, r.quotes AS quotes
  }
  WITH id, kind, subject, field, date, sourceIds, quotes
  WHERE true
    /*KINDS*/ AND kind IN $kinds
    /*FROM*/ AND date.end >= $from
    /*TO*/ AND date.start <= $to
    /*COUNTRIES*/ AND (EXISTS { MATCH (subject)-[s:SIGNED_BY|ADOPTED_BY WHERE s.retired IS NULL /*STATED s*/]->(c:Country) WHERE c.id IN $countries }
    /*COUNTRIES*/   OR EXISTS { MATCH (subject)-[d:DEVELOPED_BY WHERE d.retired IS NULL /*STATED d*/]->(c:Country) WHERE c.id IN $countries }
    /*COUNTRIES*/   OR EXISTS { MATCH (subject)-[a:SIGNED_AT|ADOPTED_AT WHERE a.retired IS NULL /*STATED a*/]->{0,1}(:Entity)-[h:HELD_IN WHERE h.retired IS NULL /*STATED h*/]->(:Place)-[l:LOCATED_IN WHERE l.retired IS NULL /*STATED l*/]->(c:Country) WHERE c.id IN $countries })
