// Edges of the previous version that the package no longer has (or has changed).
UNWIND $elementIds AS elementId
MATCH ()-[r]->()
WHERE elementId(r) = elementId
DELETE r
