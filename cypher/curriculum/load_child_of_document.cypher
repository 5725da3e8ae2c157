// isChildOf from an item to the package's own CFDocument (a top-level item).
UNWIND $rows AS row
MATCH (child:CFItem {identifier: row.child})
  USING INDEX child:CFItem(identifier)
MATCH (parent:CFDocument {identifier: row.parent})
  USING INDEX parent:CFDocument(identifier)
CREATE (child)-[:CHILD_OF {
  identifier: row.identifier, sequenceNumber: row.sequenceNumber, documentId: $documentId
}]->(parent)
