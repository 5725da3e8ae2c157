// The people a roster file names, as stored now, to compare before writing.
UNWIND $sourcedIds AS sourcedId
MATCH (p:Person {sourcedId: sourcedId})
  USING INDEX p:Person(sourcedId)
// One row holding a list: far cheaper than one record per person.
RETURN collect({sourcedId: p.sourcedId, props: properties(p), labels: labels(p)}) AS people
