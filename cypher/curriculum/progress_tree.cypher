// The course's subtree with the student's earliest completion of each item, in one row:
//   courseFound, courseTypeCode, studentRegistered (for the 404s), and items, a list of
//   [identifier, typeCode, humanCodingScheme, completedAt (epoch ms or null),
//    [[childIdentifier, sequenceNumber], ...]]
// Lists in one row, not a row or a map per item, and epoch milliseconds, not
// datetimes: measured on a 2,000-item course, the driver hydrates per-item
// records and DateTime values at several times the cost of the query itself.
//
// With $studentId null it is the course's structure alone (every completedAt null),
// which the cached path compiles into a body template. For that cache it also returns
// the curriculum GraphVersion read before and after the walk (equal: no load
// committed in between, so the items are that version's) and the course's lastLoadId.
// The index hints keep the seeks in a plan first cached on an empty graph.
OPTIONAL MATCH (before:GraphVersion {name: 'curriculum'})
  USING INDEX before:GraphVersion(name)
WITH before.version AS versionBefore
OPTIONAL MATCH (course:CFItem {identifier: $courseId})
  USING INDEX course:CFItem(identifier)
OPTIONAL MATCH (student:Person {sourcedId: $studentId})
  USING INDEX student:Person(sourcedId)
WITH versionBefore, course, student, coalesce(student.registered = true, false) AS registered
CALL (course, student, registered) {
  WITH course, student
  WHERE course.typeCode = 'course' AND (registered OR $studentId IS NULL)
  // No path variable and DISTINCT right after: planned as a pruning breadth-first
  // expand that visits each node once, so a 100,000-deep chain or a wide DAG costs
  // time linear in the subtree, not in the number of paths through it.
  MATCH (course)<-[:CHILD_OF*0..]-(item:CFItem)
  WITH DISTINCT item, student
  CALL (item, student) {
    OPTIONAL MATCH (student)-[done:COMPLETED]->(item)
    WHERE $applicationId IS NULL OR done.applicationId = $applicationId
    RETURN min(done.completedAt) AS completedAt
  }
  RETURN collect([
    item.identifier,
    item.typeCode,
    item.humanCodingScheme,
    completedAt.epochMillis,
    // Every child of a subtree item is in the subtree: no membership test needed.
    [(child:CFItem)-[edge:CHILD_OF]->(item) | [child.identifier, edge.sequenceNumber]]
  ]) AS items
}
OPTIONAL MATCH (after:GraphVersion {name: 'curriculum'})
  USING INDEX after:GraphVersion(name)
RETURN course IS NOT NULL AS courseFound, course.typeCode AS courseTypeCode,
       registered AS studentRegistered, items,
       versionBefore, after.version AS versionAfter, course.lastLoadId AS courseLoadId
