// Lineage around $id in one statement: the root, every lineage step (each relation once, at the smallest
// depth it is reached; ancestors follow relations outwards to older things, descendants inwards) and the
// entities the steps touch. One row; root is null when $id is unknown (its projection a list of nulls).
// Each step is a list [depth, direction, type, from, to, props]: no key names travel per step. $id, $kinds
// Template: the TYPES marker is the lineage relation types of the model (LINEAGE_TYPES, `A|B|...`), the DEPTH
// marker the validated depth (1-10): a length bound in the pattern stops the expansion
// there (a `length(p) <= $depth` filter would expand to 10 first). The BRANCHES marker is the ancestors and/or
// descendants subquery below, joined by UNION ALL: a direction not asked is not compiled. The STATED marker
// is `AND <stated predicate on x>` when only stated relations are asked, else nothing. ROOT and NODE are the
// projections (lists) of `root` and `n` the planner compiles from the selection (src/planner: compiledAround);
// RELATION is `r {.*}`, or `{id: r.id}` when the selection reads no property of a step's relation.
OPTIONAL MATCH (root:Entity {id: $id})
OPTIONAL CALL (root) {
  /*BRANCHES*/
}
WITH root, r, direction, min(depth) AS depth
WITH root, r, direction, depth, startNode(r) AS a, endNode(r) AS b
ORDER BY depth, direction, coalesce(a.period_start, a.adopted_start, a.signed_start, a.date_start, '9999') DESC, a.id, b.id
WITH root, collect(CASE WHEN r IS NULL THEN null ELSE [depth, direction, type(r), a.id, b.id, /*RELATION*/] END) AS steps,
     collect(DISTINCT a) + collect(DISTINCT b) AS touched
CALL (touched) {
  UNWIND touched AS n
  WITH DISTINCT n
  RETURN collect(/*NODE*/) AS nodes
}
RETURN /*ROOT*/ AS root, steps, nodes
// @ANCESTORS
  MATCH p = (root)-[:/*TYPES*/*1../*DEPTH*/]->(:Entity)
  WHERE all(x IN relationships(p) WHERE type(x) IN $kinds AND x.retired IS NULL /*STATED*/)
  UNWIND range(0, length(p) - 1) AS i
  RETURN relationships(p)[i] AS r, i + 1 AS depth, 'ANCESTORS' AS direction
// @DESCENDANTS
  MATCH p = (root)<-[:/*TYPES*/*1../*DEPTH*/]-(:Entity)
  WHERE all(x IN relationships(p) WHERE type(x) IN $kinds AND x.retired IS NULL /*STATED*/)
  UNWIND range(0, length(p) - 1) AS i
  RETURN relationships(p)[i] AS r, i + 1 AS depth, 'DESCENDANTS' AS direction
