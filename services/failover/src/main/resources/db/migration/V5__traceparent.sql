-- the W3C trace context a story continues (its saga's messages are spans of the same trace)
ALTER TABLE incident ADD COLUMN traceparent VARCHAR(64);
