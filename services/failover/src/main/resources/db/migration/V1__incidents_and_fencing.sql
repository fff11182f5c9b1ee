-- The fencing epoch: one monotonic counter; every declaration takes the next value, and every
-- action of an incident carries it so stale actors are refused.
CREATE TABLE fencing_epoch (
    name   VARCHAR(32) PRIMARY KEY,
    value  BIGINT      NOT NULL
);
INSERT INTO fencing_epoch (name, value) VALUES ('global', 0);

CREATE TABLE incident (
    id           VARCHAR(128) PRIMARY KEY,
    cloud        VARCHAR(8)   NOT NULL,
    region       VARCHAR(64),
    epoch        BIGINT       NOT NULL UNIQUE,
    state        VARCHAR(32)  NOT NULL,
    manual       BOOLEAN      NOT NULL,
    declared_by  VARCHAR(255) NOT NULL,
    reason       VARCHAR(500) NOT NULL,
    declared_at  TIMESTAMPTZ  NOT NULL,
    cleared_at   TIMESTAMPTZ
);
-- at most one open incident per cloud and scope (a region, or the whole cloud)
CREATE UNIQUE INDEX incident_open_per_scope ON incident (cloud, COALESCE(region, '*')) WHERE state = 'DECLARED';
