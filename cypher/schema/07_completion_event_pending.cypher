CREATE INDEX completion_event_pending IF NOT EXISTS
FOR (e:CompletionEvent) ON (e.pending)
