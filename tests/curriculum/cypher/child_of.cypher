UNWIND $edges AS edge
MATCH (child:CFItem {identifier: edge.child})
OPTIONAL MATCH (item:CFItem {identifier: edge.parent})
OPTIONAL MATCH (document:CFDocument {identifier: edge.parent})
WITH child, edge, coalesce(item, document) AS parent
WHERE parent IS NOT NULL
MERGE (child)-[r:CHILD_OF {identifier: edge.identifier}]->(parent)
SET r.sequenceNumber = edge.sequenceNumber, r.documentId = edge.documentId
