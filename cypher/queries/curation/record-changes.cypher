// Audit records, one per record an import changed, in the same transaction as the import.
// $changes: [{id, at, actor, action, target, before, after, reason}]
UNWIND $changes AS c
CREATE (:Change {id: c.id, at: c.at, actor: c.actor, action: c.action, target: c.target, before: c.before, after: c.after, reason: c.reason})
RETURN count(*) AS count
