// The digest of the package's associations the document now matches (case_plan.edges_hash).
MATCH (d:CFDocument {identifier: $documentId})
  USING INDEX d:CFDocument(identifier)
SET d.edgesHash = $hash
