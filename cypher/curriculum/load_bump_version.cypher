// The curriculum changed: caches keyed by its version must refresh.
MERGE (v:GraphVersion {name: 'curriculum'})
SET v.version = coalesce(v.version, 0) + 1
RETURN v.version AS version
