// isChildOf from an item to the package's own CFDocument (a top-level item).
UNWIND $rows AS row
MATCH (child:CFItem {identifier: row.child})
MATCH (parent:CFDocument {identifier: row.parent})
CREATE (child)-[:CHILD_OF {
  identifier: row.identifier, sequenceNumber: row.sequenceNumber, documentId: $documentId
}]->(parent)
