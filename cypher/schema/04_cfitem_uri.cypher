CREATE INDEX cfitem_uri IF NOT EXISTS
FOR (i:CFItem) ON (i.uri)
