// Take the write lock of every person whose pending events are about to be
// linked, in sourcedId order (one order for every writer, so no deadlock).
// Writing the version onto itself changes nothing but holds the lock until
// commit, so the reads of COMPLETED that follow see every earlier writer's
// commit and no later one can interleave.
UNWIND $ids AS id
MATCH (c:CompletionEvent {id: id})
WHERE c.pending
MATCH (p:Person {sourcedId: c.actorId})
WITH DISTINCT p
ORDER BY p.sourcedId
SET p.completionsVersion = coalesce(p.completionsVersion, 0)
RETURN count(p) AS locked
