// One audit record, written in the same transaction as the change it describes.
CREATE (c:Change {id: $id, at: $at, actor: $actor, action: $action, target: $target, before: $before, after: $after, reason: $reason})
RETURN c.id AS id
