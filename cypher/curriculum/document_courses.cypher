// The courses of a document (CFItem.documentId equals it, typeCode 'course'), in one row:
//   documentFound, and courses, a list of [identifier, typeCode, humanCodingScheme,
//   fullStatement, abbreviatedStatement] (ordered by the caller).
OPTIONAL MATCH (document:CFDocument {identifier: $documentId})
CALL (document) {
  MATCH (course:CFItem {documentId: $documentId})
  WHERE document IS NOT NULL AND course.typeCode = 'course'
  RETURN collect([
    course.identifier,
    course.typeCode,
    course.humanCodingScheme,
    course.fullStatement,
    course.abbreviatedStatement
  ]) AS courses
}
RETURN document IS NOT NULL AS documentFound, courses
