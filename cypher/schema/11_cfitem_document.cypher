CREATE INDEX cfitem_document IF NOT EXISTS
FOR (i:CFItem) ON (i.documentId)
