// How many CHILD_OF and CF_ASSOCIATION edges carry the document's id (index seeks only).
CALL () {
  MATCH ()-[r:CHILD_OF {documentId: $documentId}]->()
    USING INDEX r:CHILD_OF(documentId)
  RETURN count(r) AS n
  UNION ALL
  MATCH ()-[r:CF_ASSOCIATION {documentId: $documentId}]->()
    USING INDEX r:CF_ASSOCIATION(documentId)
  RETURN count(r) AS n
}
RETURN sum(n) AS edges
