// New or changed people; the roster's nulls remove fields, other properties stay.
UNWIND $rows AS row
MERGE (p:Person {sourcedId: row.sourcedId})
SET p += row.props
SET p:$(row.addLabels)
REMOVE p:$(row.removeLabels)
