CREATE CONSTRAINT graph_version_name IF NOT EXISTS
FOR (v:GraphVersion) REQUIRE v.name IS UNIQUE
