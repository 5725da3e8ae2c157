// Created or changed items; `SET i = ...` drops fields the new version no longer has,
// and the type label follows the type code (labels are data, never query text).
UNWIND $rows AS row
MERGE (i:CFItem {identifier: row.identifier})
SET i = row.props
SET i:$(row.addLabels)
REMOVE i:$(row.removeLabels)
