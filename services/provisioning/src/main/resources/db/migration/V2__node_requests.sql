ALTER TABLE node_pool ADD COLUMN next_ordinal INTEGER NOT NULL DEFAULT 0;
ALTER TABLE node_pool ADD COLUMN correlation_id VARCHAR(64);
ALTER TABLE node_pool ADD COLUMN cause_event_id VARCHAR(64);

-- one row per node the service asked a cloud for; the phase is the saga's persisted progress
CREATE TABLE node_request (
    id                VARCHAR(63)  PRIMARY KEY,
    pool_id           VARCHAR(128) NOT NULL REFERENCES node_pool (id),
    ordinal           INTEGER      NOT NULL,
    cloud             VARCHAR(8)   NOT NULL,
    region            VARCHAR(64)  NOT NULL,
    zone              VARCHAR(64)  NOT NULL,
    machine_type      VARCHAR(128) NOT NULL,
    phase             VARCHAR(24)  NOT NULL,
    instance_id       VARCHAR(128),
    provider_id       VARCHAR(512),
    private_ip        VARCHAR(64),
    intent_id         VARCHAR(64)  NOT NULL,
    correlation_id    VARCHAR(64),
    causation_id      VARCHAR(64),
    requested_by      VARCHAR(255),
    attempts          INTEGER      NOT NULL DEFAULT 0,
    drain             BOOLEAN      NOT NULL DEFAULT TRUE,
    failure_reason    VARCHAR(32),
    failure_message   VARCHAR(2000),
    created_at        TIMESTAMPTZ  NOT NULL,
    updated_at        TIMESTAMPTZ  NOT NULL,
    provisioned_at    TIMESTAMPTZ,
    joined_at         TIMESTAMPTZ,
    finished_at       TIMESTAMPTZ,
    UNIQUE (pool_id, ordinal)
);
CREATE INDEX node_request_pool_phase ON node_request (pool_id, phase);
CREATE INDEX node_request_phase ON node_request (phase);
