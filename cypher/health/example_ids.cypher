// One course with a registered student who completed something in it, for the
// example requests `flask examples` prints (the first by identifier, so stable).
MATCH (course:Course)
WHERE course.documentId IS NOT NULL
OPTIONAL MATCH (student:Person {registered: true})-[:COMPLETED]->(:CFItem)-[:CHILD_OF*1..8]->(course)
WITH course, student
ORDER BY student IS NULL, course.identifier, student.sourcedId
LIMIT 1
RETURN course.documentId AS documentId, course.identifier AS courseId,
       student.sourcedId AS studentId
