// Link the given pending events whose person and item now exist (after a load:
// link_pending). The same gate, linking and item resolution as
// record_completions.cypher, whose comment says why, from events already
// logged; tests/caliper/test_statements.py keeps the shared part identical.
MERGE (gate:WriteGate {name: 'completions'})
SET gate.locked = true  // the lock; the same value each time, so a replay changes nothing
WITH gate
UNWIND $ids AS id
// OPTIONAL: one row even when none is pending any more.
OPTIONAL MATCH (c:CompletionEvent {id: id})
  USING INDEX c:CompletionEvent(id)
  WHERE c.pending
WITH collect(c) AS open
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
RETURN linked, peopleChanged
