// Every CHILD_OF and CF_ASSOCIATION the document's previous load wrote, with its ends:
// one relationship-index seek per type (a two-type pattern scans every node instead).
CALL () {
  MATCH (a)-[r:CHILD_OF {documentId: $documentId}]->(b)
    USING INDEX r:CHILD_OF(documentId)
  RETURN a, r, b
  UNION ALL
  MATCH (a)-[r:CF_ASSOCIATION {documentId: $documentId}]->(b)
    USING INDEX r:CF_ASSOCIATION(documentId)
  RETURN a, r, b
}
// One row holding a list (see load_current_items).
RETURN collect({
  elementId: elementId(r), type: type(r), identifier: r.identifier,
  associationType: r.associationType, sequenceNumber: r.sequenceNumber,
  originKind:
    CASE WHEN a:CFReference THEN 'reference' WHEN a:CFDocument THEN 'document' ELSE 'item' END,
  origin: CASE WHEN a:CFReference THEN a.uri ELSE a.identifier END,
  destinationKind:
    CASE WHEN b:CFReference THEN 'reference' WHEN b:CFDocument THEN 'document' ELSE 'item' END,
  destination: CASE WHEN b:CFReference THEN b.uri ELSE b.identifier END
}) AS edges
