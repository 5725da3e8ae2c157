// A course's subtree without progress, in one row:
//   documentFound, courseFound, courseTypeCode, courseDocumentId (for the 404s), and
//   items, a list of [identifier, typeCode, humanCodingScheme, fullStatement,
//   abbreviatedStatement, [[childIdentifier, sequenceNumber], ...]]
// (one row of lists for the reason given in progress_tree.cypher).
OPTIONAL MATCH (document:CFDocument {identifier: $documentId})
OPTIONAL MATCH (course:CFItem {identifier: $courseId})
CALL (document, course) {
  WITH course
  WHERE document IS NOT NULL AND course.typeCode = 'course'
    AND course.documentId = $documentId
  // Planned as a pruning breadth-first expand (see progress_tree.cypher).
  MATCH (course)<-[:CHILD_OF*0..]-(item:CFItem)
  WITH DISTINCT item
  RETURN collect([
    item.identifier,
    item.typeCode,
    item.humanCodingScheme,
    item.fullStatement,
    item.abbreviatedStatement,
    [(child:CFItem)-[edge:CHILD_OF]->(item) | [child.identifier, edge.sequenceNumber]]
  ]) AS items
}
RETURN document IS NOT NULL AS documentFound, course IS NOT NULL AS courseFound,
       course.typeCode AS courseTypeCode, course.documentId AS courseDocumentId, items
