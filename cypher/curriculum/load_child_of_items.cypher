// isChildOf between two items of the package: child -> parent.
UNWIND $rows AS row
MATCH (child:CFItem {identifier: row.child})
MATCH (parent:CFItem {identifier: row.parent})
CREATE (child)-[:CHILD_OF {
  identifier: row.identifier, sequenceNumber: row.sequenceNumber, documentId: $documentId
}]->(parent)
