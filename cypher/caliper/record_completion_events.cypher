// The log entry of each Completed event, created once: a replay matches the
// existing node and changes nothing. Rows arrive sorted by id, so concurrent
// writers take the uniqueness-index locks in one order and cannot deadlock.
UNWIND $events AS e
MERGE (c:CompletionEvent {id: e.id})
  ON CREATE SET
    c.actorId = e.actorId,
    c.objectId = e.objectId,
    c.objectIri = e.objectIri,
    c.applicationId = e.applicationId,
    c.eventTime = e.eventTime,
    c.receivedAt = datetime(),
    c.pending = true
RETURN count(CASE WHEN c.pending THEN 1 END) AS pending
