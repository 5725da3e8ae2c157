// A course and a student with a completion in it, for bench.roundtrip's version check.
MATCH (p:Person)-[:COMPLETED]->(:CFItem)-[:CHILD_OF*]->(c:Course)
RETURN c.identifier AS course, p.sourcedId AS student
LIMIT 1
