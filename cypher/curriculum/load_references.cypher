// Association ends outside the package, one node per URI shared by every package.
UNWIND $rows AS row
MERGE (r:CFReference {uri: row.uri})
ON CREATE SET r.identifier = row.identifier, r.title = row.title
