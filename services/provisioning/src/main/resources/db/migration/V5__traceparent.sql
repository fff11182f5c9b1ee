-- the W3C trace context a pool's and a node's story continues
ALTER TABLE node_pool ADD COLUMN traceparent VARCHAR(64);
ALTER TABLE node_request ADD COLUMN traceparent VARCHAR(64);
