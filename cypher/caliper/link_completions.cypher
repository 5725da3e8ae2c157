// Link the given pending events whose person and item now exist: one
// COMPLETED per (person, item, application) keeping the earliest eventTime
// (ties broken by the smaller event id, so arrival order never matters), and
// a completionsVersion bump for each person whose completions changed.
//
// The first write is the lock: each person's version written onto itself, in
// sourcedId order. It holds the person until commit, so a concurrent writer
// for the same person waits here and then reads our committed COMPLETED: no
// duplicate, no lost earlier time (without it, tests/caliper/test_concurrency
// loses the earliest time about one run in three). Writers queued on one
// person can still be chosen as deadlock victims by 5.26's lock manager; that
// is a TransientError the driver retries, so it costs latency, not correctness.
UNWIND $ids AS id
MATCH (c:CompletionEvent {id: id})
WHERE c.pending
MATCH (p:Person {sourcedId: c.actorId})
WITH p, collect(c) AS events
ORDER BY p.sourcedId
SET p.completionsVersion = coalesce(p.completionsVersion, 0)
WITH p, events
UNWIND events AS c
CALL (c) {
  OPTIONAL MATCH (byId:CFItem {identifier: c.objectId})
  OPTIONAL MATCH (byUri:CFItem {uri: c.objectIri})
  WITH byId, byUri
  ORDER BY byUri.identifier
  LIMIT 1
  RETURN coalesce(byId, byUri) AS i
}
WITH c, p, i
WHERE i IS NOT NULL
SET c.pending = false
WITH p, i, c
ORDER BY c.eventTime, c.id
WITH p, i, c.applicationId AS app, collect(c)[0] AS first, count(c) AS linked
MERGE (p)-[r:COMPLETED {key: p.sourcedId + '|' + i.identifier + '|' + app}]->(i)
  ON CREATE SET r.applicationId = app
WITH p, r, first, linked,
     r.completedAt IS NULL
     OR first.eventTime < r.completedAt
     OR (first.eventTime = r.completedAt AND first.id < r.eventId) AS earlier
SET r.completedAt = CASE WHEN earlier THEN first.eventTime ELSE r.completedAt END,
    r.eventId = CASE WHEN earlier THEN first.id ELSE r.eventId END
WITH p, sum(linked) AS linked, sum(CASE WHEN earlier THEN 1 ELSE 0 END) AS changes
SET p.completionsVersion = p.completionsVersion + CASE WHEN changes > 0 THEN 1 ELSE 0 END
RETURN sum(linked) AS linked, count(CASE WHEN changes > 0 THEN 1 END) AS peopleChanged
