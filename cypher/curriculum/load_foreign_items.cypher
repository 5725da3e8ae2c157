// Items of the package that already exist outside this document (moved or retired ones).
UNWIND $identifiers AS identifier
MATCH (i:CFItem {identifier: identifier})
WHERE i.documentId IS NULL OR i.documentId <> $documentId
RETURN collect({identifier: i.identifier, props: properties(i), labels: labels(i)}) AS items
