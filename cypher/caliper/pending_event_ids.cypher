// Every pending completion event, for link_pending to retry after a load.
MATCH (c:CompletionEvent)
WHERE c.pending = true
RETURN c.id AS id
ORDER BY id
