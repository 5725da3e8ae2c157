// Whether any curriculum is loaded (`seed demo --if-empty`).
RETURN EXISTS { MATCH (:CFDocument) } AS present
