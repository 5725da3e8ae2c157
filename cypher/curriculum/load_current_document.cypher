// The stored properties of the package's document, or null before its first load.
OPTIONAL MATCH (d:CFDocument {identifier: $documentId})
RETURN properties(d) AS props
