// Dated events from entity date fields and dated relations, in time order. No part follows a retired relation.
// $countries (ids or null), $kinds (event kinds or null), $from/$to (ISO day bounds or null), $skip, $limit
CALL {
  MATCH (n:Entity)
  WHERE n.dateFields <> []
  UNWIND n.dateFields AS f
  WITH n, f,
    CASE
      WHEN f = 'date' AND n.kind = 'Mandate' THEN 'DEADLINE'
      WHEN f = 'date' THEN 'MEETING'
      WHEN f = 'signed' THEN 'SIGNING'
      WHEN f = 'adopted' THEN 'ADOPTION'
      WHEN f = 'drafted' THEN 'DRAFTING'
      WHEN f = 'period' THEN 'PLAN_PERIOD'
      WHEN f = 'ends' THEN 'PLAN_END'
    END AS kind
  OPTIONAL MATCH (n)-[v:SIGNED_AT|ADOPTED_AT|HELD_IN WHERE v.retired IS NULL]->(via:Entity)
  WITH n, f, kind, via
  ORDER BY CASE WHEN via.kind = 'Place' THEN 0 ELSE 1 END
  WITH n, f, kind, head(collect(via)) AS via
  OPTIONAL MATCH (via)-[h:HELD_IN WHERE h.retired IS NULL]->(viaPlace:Entity)
  RETURN n.id + '#' + f AS id, kind, n AS subject,
         {text: n[f + '_text'], start: n[f + '_start'], end: n[f + '_end'], precision: n[f + '_precision'], qualifier: n[f + '_qualifier']} AS date,
         CASE WHEN via.kind = 'Place' THEN via.id ELSE viaPlace.id END AS placeId,
         n.sourceIds AS sourceIds, n.quotes AS quotes
  UNION ALL
  MATCH (o:Entity)-[r:HOLDS_ROLE]->(role:Entity)
  WHERE r.date_start IS NOT NULL AND r.retired IS NULL
  RETURN r.id + '#date' AS id, 'ROLE' AS kind, o AS subject,
         {text: r.date_text, start: r.date_start, end: r.date_end, precision: r.date_precision, qualifier: r.date_qualifier} AS date,
         null AS placeId, r.sourceIds AS sourceIds, r.quotes AS quotes
}
WITH id, kind, subject, date, placeId, sourceIds, quotes
WHERE ($kinds IS NULL OR kind IN $kinds)
  AND ($from IS NULL OR date.end >= $from)
  AND ($to IS NULL OR date.start <= $to)
  AND ($countries IS NULL OR EXISTS {
    MATCH (subject)-[s:SIGNED_BY|ADOPTED_BY WHERE s.retired IS NULL]->(c:Country) WHERE c.id IN $countries
  } OR EXISTS {
    MATCH (subject)-[d:DEVELOPED_BY WHERE d.retired IS NULL]->(c:Country) WHERE c.id IN $countries
  } OR EXISTS {
    MATCH (subject)-[a:SIGNED_AT|ADOPTED_AT WHERE a.retired IS NULL]->{0,1}(:Entity)-[h:HELD_IN WHERE h.retired IS NULL]->(:Place)-[l:LOCATED_IN WHERE l.retired IS NULL]->(c:Country) WHERE c.id IN $countries
  })
WITH id, kind, subject, date, placeId, sourceIds, quotes
ORDER BY date.start, date.end, subject.name, kind
WITH collect({id: id, kind: kind, subjectId: subject.id, subjectName: subject.name, date: date, placeId: placeId, sourceIds: sourceIds, quotes: quotes}) AS events
RETURN size(events) AS total, events[$skip..($skip + $limit)] AS events
