// Every CHILD_OF and CF_ASSOCIATION the document's previous load wrote, with its ends.
MATCH (a)-[r:CHILD_OF|CF_ASSOCIATION]->(b)
WHERE r.documentId = $documentId
RETURN elementId(r) AS elementId, type(r) AS type, r.identifier AS identifier,
       r.associationType AS associationType, r.sequenceNumber AS sequenceNumber,
       CASE WHEN a:CFReference THEN 'reference' WHEN a:CFDocument THEN 'document' ELSE 'item' END
         AS originKind,
       CASE WHEN a:CFReference THEN a.uri ELSE a.identifier END AS origin,
       CASE WHEN b:CFReference THEN 'reference' WHEN b:CFDocument THEN 'document' ELSE 'item' END
         AS destinationKind,
       CASE WHEN b:CFReference THEN b.uri ELSE b.identifier END AS destination
