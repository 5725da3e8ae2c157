CREATE CONSTRAINT cfitem_identifier IF NOT EXISTS
FOR (i:CFItem) REQUIRE i.identifier IS UNIQUE
