// Issue 14, for databases loaded before it: the curated data now marks nine claims as the curator's
// inferences (basis INFERRED, with the reasoning in one sentence): FULFILLED_BY from the Article 28 plan
// mandate to SPA I, from the Article 31 meeting mandate to IMM 2 and from the Article 32 mandate to the six
// Task Forces, and SPA I DEVELOPED_UNDER Article 28. A database loaded before issue 14 holds them with no
// basis, which reads as STATED; migration 007 retires replaced claims only, so it leaves these as they were.
// This marks each one INFERRED with the curated reasoning (its quotes, the premises, are unchanged), bumps
// its version and writes one UPDATE_RELATION audit record per relation changed. A relation already
// INFERRED (a fresh database, a database re-seeded since, a second run) is left alone and gets no record.
UNWIND [
  {from: 'mandate:article-28/plan', id: 'rel:fulfilled-by/mandate.article-28/plan/instrument.spa-1', reasoning: 'Article 28 calls for an initial Sub-Regional Plan of Action for 2005-2007, and the page names the first plan, adopted in 2005, COMMIT SPA I, 2005-2007.'},
  {from: 'mandate:article-31/meeting', id: 'rel:fulfilled-by/mandate.article-31/meeting/meeting.imm-2', reasoning: 'Article 31 calls for adopting a new plan through a GMS Ministerial meeting in late 2007, and the Ministers of the six governments agreed SPA II at IMM 2 in December 2007.'},
  {from: 'mandate:article-32/task-force', id: 'rel:fulfilled-by/mandate.article-32/task-force/taskforce.cambodia', reasoning: 'Article 32 calls for creating a national task force, and the page says each of the six COMMIT countries has a COMMIT Task Force.'},
  {from: 'mandate:article-32/task-force', id: 'rel:fulfilled-by/mandate.article-32/task-force/taskforce.china', reasoning: 'Article 32 calls for creating a national task force, and the page says each of the six COMMIT countries has a COMMIT Task Force.'},
  {from: 'mandate:article-32/task-force', id: 'rel:fulfilled-by/mandate.article-32/task-force/taskforce.lao-pdr', reasoning: 'Article 32 calls for creating a national task force, and the page says each of the six COMMIT countries has a COMMIT Task Force.'},
  {from: 'mandate:article-32/task-force', id: 'rel:fulfilled-by/mandate.article-32/task-force/taskforce.myanmar', reasoning: 'Article 32 calls for creating a national task force, and the page says each of the six COMMIT countries has a COMMIT Task Force.'},
  {from: 'mandate:article-32/task-force', id: 'rel:fulfilled-by/mandate.article-32/task-force/taskforce.thailand', reasoning: 'Article 32 calls for creating a national task force, and the page says each of the six COMMIT countries has a COMMIT Task Force.'},
  {from: 'mandate:article-32/task-force', id: 'rel:fulfilled-by/mandate.article-32/task-force/taskforce.viet-nam', reasoning: 'Article 32 calls for creating a national task force, and the page says each of the six COMMIT countries has a COMMIT Task Force.'},
  {from: 'instrument:spa-1', id: 'rel:developed-under/instrument.spa-1/instrument.mou-2004/article-28', reasoning: 'Article 28 calls for an initial Sub-Regional Plan of Action for 2005-2007, and the page names the first plan, adopted in 2005, COMMIT SPA I, 2005-2007.'}
] AS claim
MATCH (:Entity {id: claim.from})-[r {id: claim.id}]->(:Entity)
WHERE r.retired IS NULL AND coalesce(r.basis, 'STATED') <> 'INFERRED'
WITH claim, r, r.basis AS basisBefore, coalesce(r.version, 1) AS versionBefore
SET r.basis = 'INFERRED', r.reasoning = claim.reasoning, r.version = versionBefore + 1
MERGE (c:Change {id: 'migration:009/' + claim.id + '@' + toString(versionBefore + 1)})
ON CREATE SET c.at = toString(datetime()), c.actor = 'migration:009', c.action = 'UPDATE_RELATION', c.target = claim.id,
  c.before = '{"basis":' + coalesce('"' + basisBefore + '"', 'null') + ',"reasoning":null,"version":' + toString(versionBefore) + '}',
  c.after = '{"basis":"INFERRED","reasoning":"' + claim.reasoning + '","version":' + toString(versionBefore + 1) + '}',
  c.reason = 'Issue 14: the curated data marks this claim as the curator\'s inference (basis INFERRED, with its reasoning); it was stored before bases existed and read as a statement.';
