// A small curriculum, two people and two loads, written as docs/graph-model.md describes
// them, for the Browser query tests (and the UI test when seed/ has no demo loader).
CREATE (doc:CFDocument {identifier: 'doc-math', title: 'Demo Mathematics',
        caption: 'Demo Mathematics', uri: 'https://example.org/doc-math',
        lastLoadId: 'load-1'})
CREATE (alg:CFItem:Course {identifier: 'alg1', typeCode: 'course', humanCodingScheme: 'ALG1',
        fullStatement: 'Algebra I', caption: 'ALG1 Algebra I', documentId: 'doc-math',
        lastLoadId: 'load-1'})
CREATE (geo:CFItem:Course {identifier: 'geo1', typeCode: 'course', humanCodingScheme: 'GEO1',
        fullStatement: 'Geometry', caption: 'GEO1 Geometry', documentId: 'doc-math',
        lastLoadId: 'load-1'})
CREATE (lin:CFItem:Section {identifier: 'alg1-1', typeCode: 'section',
        humanCodingScheme: 'ALG1.1', caption: 'Linear equations', documentId: 'doc-math',
        lastLoadId: 'load-1'})
CREATE (quad:CFItem:Section {identifier: 'alg1-2', typeCode: 'section',
        humanCodingScheme: 'ALG1.2', caption: 'Quadratics', documentId: 'doc-math',
        lastLoadId: 'load-2'})
CREATE (one:CFItem:Topic {identifier: 'alg1-1-1', typeCode: 'topic',
        humanCodingScheme: 'ALG1.1.1', caption: 'One-step equations', documentId: 'doc-math',
        lastLoadId: 'load-1'})
CREATE (two:CFItem:Topic {identifier: 'alg1-1-2', typeCode: 'topic',
        humanCodingScheme: 'ALG1.1.2', caption: 'Two-step equations', documentId: 'doc-math',
        lastLoadId: 'load-1'})
CREATE (graphing:CFItem:Topic {identifier: 'shared-graphing', typeCode: 'topic',
        humanCodingScheme: 'SH.1', caption: 'Graphing lines', documentId: 'doc-math',
        lastLoadId: 'load-1'})
CREATE (factor:CFItem:Topic {identifier: 'alg1-2-1', typeCode: 'topic',
        humanCodingScheme: 'ALG1.2.1', caption: 'Factoring', documentId: 'doc-math',
        lastLoadId: 'load-2'})
CREATE (basic:CFItem:Level {identifier: 'alg1-2-1-l1', typeCode: 'level',
        humanCodingScheme: 'ALG1.2.1.L1', caption: 'Level 1', documentId: 'doc-math',
        lastLoadId: 'load-2'})
CREATE (add:CFItem:Lesson {identifier: 'alg1-1-1-a', typeCode: 'lesson',
        humanCodingScheme: 'ALG1.1.1.a', caption: 'Adding to both sides', documentId: 'doc-math',
        lastLoadId: 'load-1'})
CREATE (mul:CFItem:Lesson {identifier: 'alg1-1-1-b', typeCode: 'lesson',
        humanCodingScheme: 'ALG1.1.1.b', caption: 'Dividing both sides', documentId: 'doc-math',
        lastLoadId: 'load-1'})
CREATE (steps:CFItem:Lesson {identifier: 'alg1-1-2-a', typeCode: 'lesson',
        humanCodingScheme: 'ALG1.1.2.a', caption: 'Undo in reverse order',
        documentId: 'doc-math', lastLoadId: 'load-1'})
CREATE (gcf:CFItem:Lesson {identifier: 'alg1-2-1-l1-a', typeCode: 'lesson',
        humanCodingScheme: 'ALG1.2.1.L1.a', caption: 'Common factors', documentId: 'doc-math',
        lastLoadId: 'load-2'})
CREATE (slope:CFItem {identifier: 'shared-graphing-a', typeCode: null,
        humanCodingScheme: 'SH.1.a', caption: 'Slope from two points', documentId: 'doc-math',
        lastLoadId: 'load-1'})
CREATE (angles:CFItem:Section {identifier: 'geo1-1', typeCode: 'section',
        humanCodingScheme: 'GEO1.1', caption: 'Angles', documentId: 'doc-math',
        lastLoadId: 'load-1'})
CREATE (ref:CFReference {uri: 'https://example.org/ccss/8.EE.C.7', identifier: 'ccss-8-ee-c-7',
        title: 'CCSS 8.EE.C.7'})
CREATE (alg)-[:CHILD_OF {identifier: 'a-alg1', sequenceNumber: 1, documentId: 'doc-math'}]->(doc)
CREATE (geo)-[:CHILD_OF {identifier: 'a-geo1', sequenceNumber: 2, documentId: 'doc-math'}]->(doc)
CREATE (lin)-[:CHILD_OF {identifier: 'a-lin', sequenceNumber: 1, documentId: 'doc-math'}]->(alg)
CREATE (quad)-[:CHILD_OF {identifier: 'a-quad', sequenceNumber: 2, documentId: 'doc-math'}]->(alg)
CREATE (one)-[:CHILD_OF {identifier: 'a-one', sequenceNumber: 1, documentId: 'doc-math'}]->(lin)
CREATE (two)-[:CHILD_OF {identifier: 'a-two', sequenceNumber: 2, documentId: 'doc-math'}]->(lin)
CREATE (graphing)-[:CHILD_OF {identifier: 'a-graph-alg', sequenceNumber: 3,
        documentId: 'doc-math'}]->(lin)
CREATE (graphing)-[:CHILD_OF {identifier: 'a-graph-geo', sequenceNumber: 2,
        documentId: 'doc-math'}]->(geo)
CREATE (angles)-[:CHILD_OF {identifier: 'a-angles', sequenceNumber: 1,
        documentId: 'doc-math'}]->(geo)
CREATE (factor)-[:CHILD_OF {identifier: 'a-factor', sequenceNumber: 1,
        documentId: 'doc-math'}]->(quad)
CREATE (basic)-[:CHILD_OF {identifier: 'a-basic', sequenceNumber: 1,
        documentId: 'doc-math'}]->(factor)
CREATE (add)-[:CHILD_OF {identifier: 'a-add', sequenceNumber: 1, documentId: 'doc-math'}]->(one)
CREATE (mul)-[:CHILD_OF {identifier: 'a-mul', sequenceNumber: 2, documentId: 'doc-math'}]->(one)
CREATE (steps)-[:CHILD_OF {identifier: 'a-steps', sequenceNumber: null,
        documentId: 'doc-math'}]->(two)
CREATE (gcf)-[:CHILD_OF {identifier: 'a-gcf', sequenceNumber: 1, documentId: 'doc-math'}]->(basic)
CREATE (slope)-[:CHILD_OF {identifier: 'a-slope', sequenceNumber: 1,
        documentId: 'doc-math'}]->(graphing)
CREATE (two)-[:CF_ASSOCIATION {identifier: 'a-ref', associationType: 'exactMatchOf',
        documentId: 'doc-math'}]->(ref)
CREATE (ada:Person:User:Student {sourcedId: 'stu-ada', givenName: 'Ada', familyName: 'Lovelace',
        username: 'ada', role: 'student', roles: ['student'], status: 'active',
        registered: true})
CREATE (:Person:User {sourcedId: 'tea-alan', givenName: 'Alan', familyName: 'Turing',
        username: 'alan', role: 'teacher', roles: ['teacher'], status: 'active',
        registered: true})
CREATE (ada)-[:COMPLETED {applicationId: 'app-lms', completedAt: datetime('2025-09-08T10:15:00Z'),
        eventId: 'urn:uuid:0001', key: 'stu-ada|alg1-1-1-a|app-lms'}]->(add)
CREATE (ada)-[:COMPLETED {applicationId: 'app-lms', completedAt: datetime('2025-09-09T11:00:00Z'),
        eventId: 'urn:uuid:0002', key: 'stu-ada|alg1-1-1-b|app-lms'}]->(mul)
CREATE (ada)-[:COMPLETED {applicationId: 'app-lms', completedAt: datetime('2025-09-10T09:30:00Z'),
        eventId: 'urn:uuid:0003', key: 'stu-ada|alg1-1-1|app-lms'}]->(one)
CREATE (ada)-[:COMPLETED {applicationId: 'app-lms', completedAt: datetime('2025-10-01T14:00:00Z'),
        eventId: 'urn:uuid:0004', key: 'stu-ada|angles|app-lms'}]->(angles)
CREATE (:CompletionEvent {id: 'urn:uuid:0001', actorId: 'stu-ada', objectId: 'alg1-1-1-a',
        objectIri: 'https://example.org/items/alg1-1-1-a', applicationId: 'app-lms',
        eventTime: datetime('2025-09-08T10:15:00Z'), receivedAt: datetime('2025-09-08T10:15:02Z'),
        pending: false})
CREATE (:Load {id: 'load-1', at: datetime('2025-09-01T08:00:00Z'), kind: 'case',
        source: 'demo-math.json', summary: '16 items'})
CREATE (:Load {id: 'load-2', at: datetime('2025-09-15T08:00:00Z'), kind: 'case',
        source: 'demo-math.json', summary: '4 items changed'})
CREATE (:GraphVersion {name: 'curriculum', version: 2})
