// Every item the document holds now, to compare with the package being loaded.
MATCH (i:CFItem {documentId: $documentId})
RETURN i.identifier AS identifier, properties(i) AS props, labels(i) AS labels
