// Refused requests, newest first. $skip, $limit
MATCH (r:Refusal)
WITH r ORDER BY r.at DESC, r.id
WITH collect(r {.*}) AS refusals
RETURN size(refusals) AS total, refusals[$skip..($skip + $limit)] AS refusals
