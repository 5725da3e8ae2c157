// Student progress: a course tree with the student's COMPLETED edges drawn to the items done
//
// Parameters (run each in Browser first, as its own command):
//   :param courseId => "<identifier of a :Course>"
//   :param studentId => "<sourcedId of a :Person>"
// Students: MATCH (s:Student) RETURN s.sourcedId, s.givenName, s.familyName
//
// Completed items are the ones the student node points at: style.grass draws
// COMPLETED thick and green, captioned with completedAt (one edge per application).
MATCH (student:Person {sourcedId: $studentId})
MATCH (course:Course {identifier: $courseId})
MATCH (item:CFItem)-[:CHILD_OF*0..]->(course)
WITH student, collect(DISTINCT item) AS items
UNWIND items AS child
OPTIONAL MATCH (child)-[childOf:CHILD_OF]->(parent:CFItem)
  WHERE parent IN items
OPTIONAL MATCH (student)-[completed:COMPLETED]->(child)
RETURN student, child, childOf, parent, completed
