-- Shared messaging tables, created in each service's own schema (Flyway's default schema).

-- Transactional outbox: written in the same transaction as the state change it announces;
-- the relay publishes rows in id order and stamps sent_at once Kafka acknowledged them (acks=all).
CREATE TABLE outbox_message (
    id           BIGSERIAL PRIMARY KEY,
    event_id     VARCHAR(64)  NOT NULL,
    topic        VARCHAR(255) NOT NULL,
    message_key  VARCHAR(255),
    headers      TEXT         NOT NULL,
    payload      BYTEA,
    created_at   TIMESTAMPTZ  NOT NULL,
    sent_at      TIMESTAMPTZ,
    attempts     INTEGER      NOT NULL DEFAULT 0,
    last_error   VARCHAR(1000)
);
CREATE INDEX outbox_message_unsent ON outbox_message (id) WHERE sent_at IS NULL;

-- Inbox: one row per (consumer, message) processed; written with the effect, so a redelivered
-- message has no second effect.
CREATE TABLE inbox_message (
    consumer     VARCHAR(255) NOT NULL,
    message_id   VARCHAR(255) NOT NULL,
    message_type VARCHAR(255),
    outcome      VARCHAR(32)  NOT NULL,
    processed_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (consumer, message_id)
);
