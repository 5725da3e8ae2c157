UNWIND $completions AS row
MATCH (p:Person {sourcedId: row.sourcedId})
MATCH (i:CFItem {identifier: row.identifier})
MERGE (p)-[c:COMPLETED {key: row.sourcedId + '|' + row.identifier + '|' + row.applicationId}]->(i)
ON CREATE SET c.applicationId = row.applicationId, c.completedAt = datetime(row.completedAt),
              c.eventId = row.eventId
ON MATCH SET c.completedAt = CASE WHEN datetime(row.completedAt) < c.completedAt
                                  THEN datetime(row.completedAt) ELSE c.completedAt END
