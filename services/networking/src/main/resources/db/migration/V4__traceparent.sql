-- the W3C trace context a link's story continues (its saga's and monitor's messages are spans of the same trace)
ALTER TABLE network_link ADD COLUMN traceparent VARCHAR(64);
