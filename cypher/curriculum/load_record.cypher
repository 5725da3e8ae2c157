// One record per load, changed or not, so a reader can tell what was loaded when.
CREATE (:Load {id: $id, at: datetime(), kind: $kind, source: $source, summary: $summary})
