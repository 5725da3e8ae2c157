// Course tree: a course, every item below it, and the CHILD_OF edges between them
//
// Parameters (run each in Browser first, as its own command):
//   :param courseId => "<identifier of a :Course>"
// Course identifiers: MATCH (c:Course) RETURN c.identifier, c.caption ORDER BY c.caption
//
// An item shared with another course keeps only the edges inside this tree.
// Edges are captioned with their sequenceNumber by cypher/browser/style.grass.
MATCH (course:Course {identifier: $courseId})
MATCH (item:CFItem)-[:CHILD_OF*0..]->(course)
WITH collect(DISTINCT item) AS items
UNWIND items AS child
OPTIONAL MATCH (child)-[childOf:CHILD_OF]->(parent:CFItem)
  WHERE parent IN items
RETURN child, childOf, parent
