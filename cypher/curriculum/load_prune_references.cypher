// References no association points at any more.
UNWIND $uris AS uri
MATCH (r:CFReference {uri: uri})
WHERE NOT EXISTS { (r)--() }
DELETE r
