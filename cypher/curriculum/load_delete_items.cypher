// Items gone from the package that nobody has completed: removed with their edges.
UNWIND $identifiers AS identifier
MATCH (i:CFItem {identifier: identifier})
  USING INDEX i:CFItem(identifier)
WHERE NOT EXISTS { (i)<-[:COMPLETED]-() }
DETACH DELETE i
