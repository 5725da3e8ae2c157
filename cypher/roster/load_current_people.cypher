// The people a roster file names, as stored now, to compare before writing.
UNWIND $sourcedIds AS sourcedId
MATCH (p:Person {sourcedId: sourcedId})
RETURN p.sourcedId AS sourcedId, properties(p) AS props, labels(p) AS labels
