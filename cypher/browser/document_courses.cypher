// Document courses: a CASE document and its courses, with the CHILD_OF path from each course up to it
//
// Parameters (run each in Browser first, as its own command):
//   :param documentId => "<identifier of a :CFDocument>"
// Documents: MATCH (d:CFDocument) RETURN d.identifier, d.title
//
// A course belongs to the document that loaded it (its documentId); the path is
// empty for a course that hangs under no item of the document.
MATCH (document:CFDocument {identifier: $documentId})
MATCH (course:CFItem:Course {documentId: document.identifier})
OPTIONAL MATCH up = (course)-[:CHILD_OF*1..]->(document)
RETURN document, course, up
ORDER BY course.humanCodingScheme, course.identifier
