-- What other services told us about a node (provisioning events): merged field by field, so the
-- order in which NodeProvisioned / NodeJoined / NodeDecommissioned arrive does not matter.
CREATE TABLE node_record (
    node_id            VARCHAR(253) PRIMARY KEY,
    cloud              VARCHAR(8),
    region             VARCHAR(64),
    zone               VARCHAR(64),
    pool_id            VARCHAR(63),
    instance_id        VARCHAR(128),
    machine_type       VARCHAR(64),
    provider_id        VARCHAR(300),
    private_ip         VARCHAR(45),
    provisioned_at     TIMESTAMPTZ,
    joined_at          TIMESTAMPTZ,
    decommissioned_at  TIMESTAMPTZ,
    updated_at         TIMESTAMPTZ  NOT NULL
);
CREATE INDEX node_record_instance ON node_record (instance_id);

-- What the cluster shows about a node (the informer), written only by the projector.
CREATE TABLE node_observation (
    node_id              VARCHAR(253) PRIMARY KEY,
    cloud                VARCHAR(8)   NOT NULL,
    region               VARCHAR(64)  NOT NULL,
    zone                 VARCHAR(64),
    pool_id              VARCHAR(63),
    instance_id          VARCHAR(128),
    machine_type         VARCHAR(64),
    provider_id          VARCHAR(300),
    status               VARCHAR(16)  NOT NULL,
    cordoned             BOOLEAN      NOT NULL,
    taints               TEXT         NOT NULL,
    allocatable_cpu      BIGINT       NOT NULL,
    allocatable_memory   BIGINT       NOT NULL,
    requested_cpu        BIGINT       NOT NULL,
    requested_memory     BIGINT       NOT NULL,
    observed_at          TIMESTAMPTZ  NOT NULL
);
CREATE INDEX node_observation_cloud ON node_observation (cloud, region, pool_id);

CREATE TABLE workload (
    id                   VARCHAR(400) PRIMARY KEY,
    namespace            VARCHAR(63)  NOT NULL,
    name                 VARCHAR(253) NOT NULL,
    kind                 VARCHAR(16)  NOT NULL,
    replicas             INT          NOT NULL,
    ready_replicas       INT          NOT NULL,
    cpu_per_replica      BIGINT       NOT NULL,
    memory_per_replica   BIGINT       NOT NULL,
    priority             INT          NOT NULL,
    allowed_clouds       VARCHAR(32)  NOT NULL,
    preferred_cloud      VARCHAR(8),
    placement            TEXT         NOT NULL,
    observed_at          TIMESTAMPTZ  NOT NULL
);

CREATE TABLE network_link (
    id              VARCHAR(63)  PRIMARY KEY,
    mode            VARCHAR(16),
    aws_cidr        VARCHAR(18),
    gcp_cidr        VARCHAR(18),
    aws_asn         BIGINT,
    gcp_asn         BIGINT,
    state           VARCHAR(16)  NOT NULL,
    tunnels_up      INT,
    tunnels_total   INT,
    last_event_at   TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL
);

-- Outages declared by failover (open while cleared_at is null).
CREATE TABLE cloud_outage (
    incident_id   VARCHAR(128) PRIMARY KEY,
    cloud         VARCHAR(8)   NOT NULL,
    region        VARCHAR(64),
    epoch         BIGINT       NOT NULL,
    declared_at   TIMESTAMPTZ,
    cleared_at    TIMESTAMPTZ
);

-- The last CapacityChanged published per cloud (the step is measured from it).
CREATE TABLE cloud_headroom (
    cloud               VARCHAR(8)  PRIMARY KEY,
    headroom_cpu        BIGINT      NOT NULL,
    headroom_memory     BIGINT      NOT NULL,
    published_at        TIMESTAMPTZ NOT NULL
);

-- Open drift findings: DriftDetected is published once per finding, forgotten when it resolves.
CREATE TABLE drift (
    id            VARCHAR(300) PRIMARY KEY,
    cloud         VARCHAR(8)   NOT NULL,
    region        VARCHAR(64)  NOT NULL,
    kind          VARCHAR(32)  NOT NULL,
    instance_id   VARCHAR(128),
    node_id       VARCHAR(253),
    detail        VARCHAR(2000) NOT NULL,
    detected_at   TIMESTAMPTZ  NOT NULL
);
