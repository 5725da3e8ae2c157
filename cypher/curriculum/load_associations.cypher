// Every other association; each end is an item or the document of this package, or a
// CFReference (keyed by uri). One branch per kind keeps every lookup an index seek.
UNWIND $rows AS row
CALL (row) {
  MATCH (n:CFItem {identifier: row.origin})
    USING INDEX n:CFItem(identifier) WHERE row.originKind = 'item' RETURN n AS a
  UNION ALL
  MATCH (n:CFDocument {identifier: row.origin})
    USING INDEX n:CFDocument(identifier) WHERE row.originKind = 'document' RETURN n AS a
  UNION ALL
  MATCH (n:CFReference {uri: row.origin})
    USING INDEX n:CFReference(uri) WHERE row.originKind = 'reference' RETURN n AS a
}
CALL (row) {
  MATCH (n:CFItem {identifier: row.destination})
    USING INDEX n:CFItem(identifier) WHERE row.destinationKind = 'item'
  RETURN n AS b
  UNION ALL
  MATCH (n:CFDocument {identifier: row.destination})
    USING INDEX n:CFDocument(identifier) WHERE row.destinationKind = 'document'
  RETURN n AS b
  UNION ALL
  MATCH (n:CFReference {uri: row.destination})
    USING INDEX n:CFReference(uri) WHERE row.destinationKind = 'reference'
  RETURN n AS b
}
CREATE (a)-[:CF_ASSOCIATION {
  identifier: row.identifier, associationType: row.associationType,
  sequenceNumber: row.sequenceNumber, documentId: $documentId
}]->(b)
