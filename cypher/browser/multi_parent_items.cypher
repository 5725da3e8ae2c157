// Multi-parent items: items with several CHILD_OF parents, drawn with all of their parents
//
// Parameters (run one in Browser first):
//   :param documentId => null                  (every document)
//   :param documentId => "<identifier of a :CFDocument>"   (one document's items)
MATCH (item:CFItem)
  WHERE ($documentId IS NULL OR item.documentId = $documentId)
    AND COUNT { (item)-[:CHILD_OF]->() } > 1
MATCH (item)-[childOf:CHILD_OF]->(parent)
RETURN item, childOf, parent
ORDER BY item.humanCodingScheme, item.identifier, childOf.sequenceNumber
