// The naive alternative: one query per level of the tree, children of the frontier
// with their completion, the way one would write it without a path query.
UNWIND $parentIds AS parentId
MATCH (parent:CFItem {identifier: parentId})<-[edge:CHILD_OF]-(child:CFItem)
OPTIONAL MATCH (:Person {sourcedId: $studentId})-[done:COMPLETED]->(child)
WITH parentId, edge, child, min(done.completedAt) AS completedAt
RETURN parentId, child.identifier AS identifier, child.typeCode AS typeCode,
       child.humanCodingScheme AS humanCodingScheme, edge.sequenceNumber AS sequenceNumber,
       completedAt
