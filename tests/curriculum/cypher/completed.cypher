UNWIND $completions AS row
MATCH (p:Person {sourcedId: row.sourcedId})
MATCH (i:CFItem {identifier: row.identifier})
MERGE (p)-[c:COMPLETED {key: row.sourcedId + '|' + row.identifier + '|' + row.applicationId}]->(i)
ON CREATE SET c.applicationId = row.applicationId, c.completedAt = datetime(row.completedAt),
              c.eventId = row.eventId
ON MATCH SET c.completedAt = CASE WHEN datetime(row.completedAt) < c.completedAt
                                  THEN datetime(row.completedAt) ELSE c.completedAt END
// As the Caliper writers do (docs/graph-model.md): a change of a person's completions
// bumps completionsVersion (here on every write, changed or not: never too few).
SET p.completionsVersion = coalesce(p.completionsVersion, 0) + 1
