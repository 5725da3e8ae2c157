// isChildOf between two items of the package: child -> parent.
UNWIND $rows AS row
MATCH (child:CFItem {identifier: row.child})
  USING INDEX child:CFItem(identifier)
MATCH (parent:CFItem {identifier: row.parent})
  USING INDEX parent:CFItem(identifier)
CREATE (child)-[:CHILD_OF {
  identifier: row.identifier, sequenceNumber: row.sequenceNumber, documentId: $documentId
}]->(parent)
