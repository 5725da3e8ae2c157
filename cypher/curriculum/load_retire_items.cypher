// Items gone from the package that someone completed: kept (a COMPLETED edge is never
// deleted by a load) but taken out of the document and marked retired.
UNWIND $identifiers AS identifier
MATCH (i:CFItem {identifier: identifier})
  USING INDEX i:CFItem(identifier)
SET i.retired = true, i.retiredFromDocumentId = i.documentId, i.lastLoadId = $loadId
REMOVE i.documentId
RETURN count(i) AS retired
