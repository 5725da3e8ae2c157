// What recording these Completed events would do, read only (for dry runs):
// whether each is already logged, and whether its person and item exist.
UNWIND $events AS e
OPTIONAL MATCH (c:CompletionEvent {id: e.id})
OPTIONAL MATCH (p:Person {sourcedId: e.actorId})
CALL (e) {
  OPTIONAL MATCH (byId:CFItem {identifier: e.objectId})
  OPTIONAL MATCH (byUri:CFItem {uri: e.objectIri})
  RETURN count(byId) + count(byUri) > 0 AS itemExists
}
RETURN e.id AS id,
       c IS NOT NULL AS recorded,
       CASE WHEN c IS NOT NULL AND NOT c.pending THEN false
            ELSE p IS NULL OR NOT itemExists END AS pending
