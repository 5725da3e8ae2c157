// Last load changes: the most recent load, the nodes it created or changed, and their CHILD_OF edges
//
// Parameters (run one in Browser first):
//   :param loadId => null                 (the latest load, by Load.at)
//   :param loadId => "<id of a :Load>"    (a given load)
// Loads: MATCH (l:Load) RETURN l.id, l.at, l.kind, l.source ORDER BY l.at DESC
//
// A parent the load did not change is still returned, to place the change in its tree.
MATCH (load:Load)
  WHERE $loadId IS NULL OR load.id = $loadId
WITH load
  ORDER BY load.at DESC
  LIMIT 1
MATCH (changed)
  WHERE changed.lastLoadId = load.id
OPTIONAL MATCH (changed)-[childOf:CHILD_OF]->(parent)
RETURN load, changed, childOf, parent
