// The naive alternative, step 1 of many: the course node and the student's flag.
OPTIONAL MATCH (course:CFItem {identifier: $courseId})
OPTIONAL MATCH (student:Person {sourcedId: $studentId})
RETURN course.identifier AS identifier, course.typeCode AS typeCode,
       coalesce(student.registered, false) AS registered
