// The per-request check of the cached progress path, in one row of index seeks only
// (flat with graph size): whether the course exists and its typeCode, whether the
// student is registered (for the 404s), and what a cached answer is keyed by:
//   curriculumVersion  bumped by every load that changes the curriculum
//   completionsVersion bumped by every change of the student's completions
//   courseLoadId, studentLoadId  the loads that last wrote those nodes, so that a
//     graph wiped and reloaded (versions starting again at 1) never matches old keys.
// The index hints keep the seeks in a plan first cached on an empty graph.
OPTIONAL MATCH (graph:GraphVersion {name: 'curriculum'})
  USING INDEX graph:GraphVersion(name)
OPTIONAL MATCH (course:CFItem {identifier: $courseId})
  USING INDEX course:CFItem(identifier)
OPTIONAL MATCH (student:Person {sourcedId: $studentId})
  USING INDEX student:Person(sourcedId)
RETURN course IS NOT NULL AS courseFound, course.typeCode AS courseTypeCode,
       coalesce(student.registered = true, false) AS studentRegistered,
       graph.version AS curriculumVersion, course.lastLoadId AS courseLoadId,
       student.completionsVersion AS completionsVersion, student.lastLoadId AS studentLoadId
