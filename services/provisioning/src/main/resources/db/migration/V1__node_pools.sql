CREATE TABLE node_pool (
    id                      VARCHAR(128) PRIMARY KEY,
    cloud                   VARCHAR(8)   NOT NULL,
    region                  VARCHAR(64)  NOT NULL,
    zones                   TEXT         NOT NULL,
    machine_type            VARCHAR(128) NOT NULL,
    fallback_machine_types  TEXT         NOT NULL,
    image                   VARCHAR(512),
    labels                  TEXT         NOT NULL,
    taints                  TEXT         NOT NULL,
    min_size                INTEGER      NOT NULL,
    max_size                INTEGER      NOT NULL,
    desired_size            INTEGER      NOT NULL,
    last_intent_id          VARCHAR(64)  NOT NULL,
    requested_by            VARCHAR(255),
    created_at              TIMESTAMPTZ  NOT NULL,
    updated_at              TIMESTAMPTZ  NOT NULL
);
