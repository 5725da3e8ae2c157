// The identifier and contentHash of every item the document holds now: all an
// unchanged reload has to read (case_plan's docstring says what that trades).
MATCH (i:CFItem {documentId: $documentId})
  USING INDEX i:CFItem(documentId)
RETURN collect([i.identifier, i.contentHash]) AS items
