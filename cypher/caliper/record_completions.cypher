// Log each Completed event once and link, in the same statement, the open ones
// (new, or logged earlier and still pending) whose person and item exist: one
// COMPLETED per (person, item, application) keeping the earliest eventTime (ties
// broken by the smaller event id, so arrival order never matters), and a
// completionsVersion bump for each person whose completions changed.
//
// Rows arrive one per event id; `created` counts the events logged for the
// first time (the node counter would also count the gate's creation).
//
// The first write is the gate: every writer of COMPLETED (this statement and
// link_completions) first writes the one (:WriteGate {name: 'completions'}), an
// exclusive lock held to its commit, so writers are serialised and each reads
// the COMPLETED the one before committed: no duplicate, no lost earlier time.
// Why one gate rather than a lock per person (taken in sourcedId order, then
// the reads): 5.26's commit of relationships takes node and chain locks of its
// own, and writers waiting for a person while another commits relationships to
// shared items were picked as deadlock victims, a few per hundred envelopes at
// 4 writers, each then waiting out the driver's 1 s retry delay (and most of
// them when replayed at once instead). Behind one gate no writer
// waits while holding a lock another needs; the statement takes a few ms, and
// the request parsing and checking around it still run in parallel
// (tests/caliper/bench_ingest.py --threads measures it). Nothing else is ever
// written to the gate: a later write in the same statement brought the
// deadlocks back. The uniqueness constraint on COMPLETED.key still refuses a
// duplicate from any writer that skips the gate.
//
// COMPLETED is created with CREATE, not MERGE: behind the gate nobody else can
// create it, and MERGE would lock the item at execution time.
//
// The object resolves by identifier; only when no item has that identifier is it
// looked up by its IRI on CFItem.uri (the smallest identifier wins when several
// share the uri); the UNWIND keeps that index seek off the common path.
MERGE (gate:WriteGate {name: 'completions'})
SET gate.locked = true  // the lock; the same value each time, so a replay changes nothing
WITH gate
UNWIND $events AS e
OPTIONAL MATCH (known:CompletionEvent {id: e.id})
  USING INDEX known:CompletionEvent(id)
MERGE (c:CompletionEvent {id: e.id})
  ON CREATE SET
    c.actorId = e.actorId,
    c.objectId = e.objectId,
    c.objectIri = e.objectIri,
    c.applicationId = e.applicationId,
    c.eventTime = datetime(e.eventTime),
    c.receivedAt = datetime(),
    c.pending = true
WITH c, known IS NULL AS new
// No grouping key: one row even when every event is a replay.
WITH count(CASE WHEN new THEN 1 END) AS created,
     collect(CASE WHEN c.pending THEN c END) AS open
CALL (open) {
  UNWIND open AS c
  // Hints: a plan cached while the graph was empty must still seek, not scan.
  OPTIONAL MATCH (p:Person {sourcedId: c.actorId})
    USING INDEX p:Person(sourcedId)
  OPTIONAL MATCH (byId:CFItem {identifier: c.objectId})
    USING INDEX byId:CFItem(identifier)
  OPTIONAL CALL (c, byId) {
    UNWIND CASE WHEN byId IS NULL THEN [c.objectIri] ELSE [] END AS iri
    MATCH (byUri:CFItem {uri: iri})
      USING INDEX byUri:CFItem(uri)
    RETURN byUri
    ORDER BY byUri.identifier
    LIMIT 1
  }
  WITH c, p, coalesce(byId, byUri) AS i
  WITH collect(CASE WHEN p IS NOT NULL AND i IS NOT NULL THEN {p: p, i: i, c: c} END) AS ready
  CALL (ready) {
    UNWIND ready AS row
    WITH row.p AS p, row.i AS i, row.c AS c
    SET c.pending = false
    WITH p, i, c
    ORDER BY c.eventTime, c.id
    WITH p, i, c.applicationId AS app, collect(c)[0] AS first
    WITH p, i, app, first, p.sourcedId + '|' + i.identifier + '|' + app AS key
    OPTIONAL MATCH (p)-[r:COMPLETED {key: key}]->(i)
    WITH p, i, app, first, key, r,
         r IS NULL
         OR first.eventTime < r.completedAt
         OR (first.eventTime = r.completedAt AND first.id < r.eventId) AS earlier
    FOREACH (_ IN CASE WHEN r IS NULL THEN [1] ELSE [] END |
      CREATE (p)-[:COMPLETED {
        key: key, applicationId: app, completedAt: first.eventTime, eventId: first.id
      }]->(i)
    )
    FOREACH (_ IN CASE WHEN r IS NOT NULL AND earlier THEN [1] ELSE [] END |
      SET r.completedAt = first.eventTime, r.eventId = first.id
    )
    WITH p, sum(CASE WHEN earlier THEN 1 ELSE 0 END) AS changes
    WHERE changes > 0
    SET p.completionsVersion = coalesce(p.completionsVersion, 0) + 1
    RETURN count(p) AS peopleChanged
  }
  RETURN size(ready) AS linked, peopleChanged
}
RETURN created, size(open) - linked AS pending, linked, peopleChanged
