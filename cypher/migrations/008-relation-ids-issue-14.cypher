// Relation ids stay unique for the relation types issue 14 added (see 006 for the others).
CREATE CONSTRAINT relation_id_in_line_with IF NOT EXISTS FOR ()-[r:IN_LINE_WITH]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT relation_id_succeeds_in_role IF NOT EXISTS FOR ()-[r:SUCCEEDS_IN_ROLE]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT relation_id_coordinates_within IF NOT EXISTS FOR ()-[r:COORDINATES_WITHIN]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT relation_id_establishes_infrastructure_for IF NOT EXISTS FOR ()-[r:ESTABLISHES_INFRASTRUCTURE_FOR]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT relation_id_refers_to IF NOT EXISTS FOR ()-[r:REFERS_TO]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT relation_id_reviews IF NOT EXISTS FOR ()-[r:REVIEWS]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT relation_id_agreed_by IF NOT EXISTS FOR ()-[r:AGREED_BY]-() REQUIRE r.id IS UNIQUE;
