// The stored rows of the named items, wherever they are (new, changed or moved ones).
UNWIND $identifiers AS identifier
MATCH (i:CFItem {identifier: identifier})
  USING INDEX i:CFItem(identifier)
RETURN collect({identifier: i.identifier, props: properties(i), labels: labels(i)}) AS items
