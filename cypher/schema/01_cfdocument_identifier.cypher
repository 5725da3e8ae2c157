CREATE CONSTRAINT cfdocument_identifier IF NOT EXISTS
FOR (d:CFDocument) REQUIRE d.identifier IS UNIQUE
