// One refused request (bad credential, missing key, wrong role): who, what, when. Never changes the graph.
CREATE (r:Refusal {id: $id, at: $at, actor: $actor, client: $client, code: $code, operation: $operation, requestId: $requestId})
RETURN r.id AS id
