UNWIND $items AS row
MERGE (i:CFItem {identifier: row.identifier})
SET i += row.properties
SET i:$(row.labels)
