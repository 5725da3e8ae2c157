UNWIND $people AS row
MERGE (p:Person {sourcedId: row.sourcedId})
SET p += row.properties
SET p:$(row.labels)
