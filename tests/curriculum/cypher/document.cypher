MERGE (d:CFDocument {identifier: $document.identifier})
SET d += $document
