// Every item the document holds now, to compare with the package being loaded.
MATCH (i:CFItem {documentId: $documentId})
  USING INDEX i:CFItem(documentId)
// One row holding a list: streaming 100,000 records costs ten times more than one list.
RETURN collect({identifier: i.identifier, props: properties(i), labels: labels(i)}) AS items
