CREATE CONSTRAINT completion_event_id IF NOT EXISTS
FOR (e:CompletionEvent) REQUIRE e.id IS UNIQUE
