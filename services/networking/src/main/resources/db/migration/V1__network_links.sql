CREATE TABLE network_link (
    id            VARCHAR(128) PRIMARY KEY,
    aws_account   VARCHAR(64),
    aws_region    VARCHAR(64)  NOT NULL,
    aws_vpc_id    VARCHAR(64)  NOT NULL,
    aws_cidr      VARCHAR(43)  NOT NULL,
    gcp_project   VARCHAR(128) NOT NULL,
    gcp_region    VARCHAR(64)  NOT NULL,
    gcp_network   VARCHAR(128) NOT NULL,
    gcp_cidr      VARCHAR(43)  NOT NULL,
    mode          VARCHAR(16)  NOT NULL,
    phase         VARCHAR(32)  NOT NULL,
    requested_by  VARCHAR(255),
    intent_id     VARCHAR(64)  NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL
);
