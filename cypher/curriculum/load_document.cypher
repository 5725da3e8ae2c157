// The document node: its properties replaced by the package's (fields it dropped go too).
MERGE (d:CFDocument {identifier: $documentId})
SET d = $props
