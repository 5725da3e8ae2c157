CREATE INDEX child_of_document IF NOT EXISTS
FOR ()-[r:CHILD_OF]-() ON (r.documentId)
