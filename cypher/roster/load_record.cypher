// One record per roster load, changed or not.
CREATE (:Load {id: $id, at: datetime(), kind: $kind, source: $source, summary: $summary})
