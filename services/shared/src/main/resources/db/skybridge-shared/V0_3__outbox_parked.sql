-- An outbox row that can never be sent (too large for the broker, an invalid topic, headers that do not parse) is
-- parked after skybridge.messaging.relay-max-attempts non-retriable failures: it stays, with its error, for an
-- operator, and no longer holds a place in the relay's scan.
ALTER TABLE outbox_message ADD COLUMN parked_at TIMESTAMPTZ;
DROP INDEX IF EXISTS outbox_message_unsent;
CREATE INDEX outbox_message_unsent ON outbox_message (id) WHERE sent_at IS NULL AND parked_at IS NULL;
