CREATE CONSTRAINT person_sourcedid IF NOT EXISTS
FOR (p:Person) REQUIRE p.sourcedId IS UNIQUE
