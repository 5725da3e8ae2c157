CREATE INDEX cf_association_document IF NOT EXISTS
FOR ()-[r:CF_ASSOCIATION]-() ON (r.documentId)
