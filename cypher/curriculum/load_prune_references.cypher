// References no association points at any more.
UNWIND $uris AS uri
MATCH (r:CFReference {uri: uri})
  USING INDEX r:CFReference(uri)
WHERE NOT EXISTS { (r)--() }
DELETE r
