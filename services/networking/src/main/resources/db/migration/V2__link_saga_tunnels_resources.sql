ALTER TABLE network_link ADD COLUMN aws_asn BIGINT;
ALTER TABLE network_link ADD COLUMN gcp_asn BIGINT;
ALTER TABLE network_link ADD COLUMN current_step VARCHAR(64);
ALTER TABLE network_link ADD COLUMN failure_reason VARCHAR(64);
ALTER TABLE network_link ADD COLUMN failure_message VARCHAR(1000);
ALTER TABLE network_link ADD COLUMN tunnels_up INTEGER NOT NULL DEFAULT 0;
ALTER TABLE network_link ADD COLUMN correlation_id VARCHAR(64);
ALTER TABLE network_link ADD COLUMN ha_interface_ips VARCHAR(255);

CREATE SEQUENCE link_ordinal_seq START 0 MINVALUE 0;

-- one row per tunnel; inside CIDRs are unique across every link (IPAM)
CREATE TABLE link_tunnel (
    id                VARCHAR(160) PRIMARY KEY,
    link_id           VARCHAR(128) NOT NULL REFERENCES network_link (id),
    idx               INTEGER      NOT NULL,
    inside_cidr       VARCHAR(18)  NOT NULL UNIQUE,
    pre_shared_key    VARCHAR(64)  NOT NULL,
    gcp_name          VARCHAR(63)  NOT NULL,
    gcp_interface     INTEGER      NOT NULL,
    aws_connection    INTEGER      NOT NULL,
    aws_connection_id VARCHAR(64),
    aws_outside_ip    VARCHAR(45),
    status            VARCHAR(16)  NOT NULL,
    aws_status        VARCHAR(32),
    gcp_status        VARCHAR(64),
    changed_at        TIMESTAMPTZ  NOT NULL
);
CREATE INDEX link_tunnel_link ON link_tunnel (link_id);

-- everything the saga created, in creation order: compensation and teardown delete in reverse
CREATE TABLE link_resource (
    id           BIGSERIAL PRIMARY KEY,
    link_id      VARCHAR(128) NOT NULL REFERENCES network_link (id),
    step         VARCHAR(64)  NOT NULL,
    cloud        VARCHAR(8)   NOT NULL,
    kind         VARCHAR(64)  NOT NULL,
    provider_id  VARCHAR(255) NOT NULL,
    region       VARCHAR(64),
    created_at   TIMESTAMPTZ  NOT NULL,
    deleted_at   TIMESTAMPTZ,
    UNIQUE (link_id, cloud, kind, provider_id)
);

-- steps done, so a resumed saga skips them
CREATE TABLE link_step (
    link_id      VARCHAR(128) NOT NULL REFERENCES network_link (id),
    step         VARCHAR(64)  NOT NULL,
    finished_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (link_id, step)
);
ALTER TABLE network_link ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
