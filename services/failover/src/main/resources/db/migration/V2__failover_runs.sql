-- One failover run per incident: the saga's persisted progress and its timeline.
CREATE TABLE failover_run (
    incident_id        VARCHAR(128) PRIMARY KEY REFERENCES incident (id),
    epoch              BIGINT       NOT NULL,
    from_cloud         VARCHAR(8)   NOT NULL,
    to_cloud           VARCHAR(8)   NOT NULL,
    step               VARCHAR(16)  NOT NULL,
    status             VARCHAR(16)  NOT NULL,
    degraded           BOOLEAN      NOT NULL DEFAULT FALSE,
    workloads_migrated INTEGER      NOT NULL DEFAULT 0,
    plan_workloads     TEXT,
    declared_at        TIMESTAMPTZ  NOT NULL,
    plan_at            TIMESTAMPTZ,
    capacity_at        TIMESTAMPTZ,
    moves_at           TIMESTAMPTZ,
    ready_at           TIMESTAMPTZ,
    completed_at       TIMESTAMPTZ
);
