// The student's earliest completion of each item, from any application, as
// [identifier, epoch milliseconds] pairs (the cached path keeps only the course's).
// completionsVersion is read before and after: when both agree no writer committed
// a change of this student's completions in between, so the pairs are that version's.
MATCH (student:Person {sourcedId: $studentId})
  USING INDEX student:Person(sourcedId)
WITH student.completionsVersion AS versionBefore, student.lastLoadId AS studentLoadId, student
CALL (student) {
  MATCH (student)-[done:COMPLETED]->(item:CFItem)
  WITH item.identifier AS identifier, min(done.completedAt) AS completedAt
  RETURN collect([identifier, completedAt.epochMillis]) AS completions
}
MATCH (again:Person {sourcedId: $studentId})
  USING INDEX again:Person(sourcedId)
RETURN versionBefore, again.completionsVersion AS versionAfter, studentLoadId, completions
