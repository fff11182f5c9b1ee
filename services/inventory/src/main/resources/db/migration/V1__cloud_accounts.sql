CREATE TABLE cloud_account (
    id             VARCHAR(160) PRIMARY KEY,
    cloud          VARCHAR(8)   NOT NULL,
    account_id     VARCHAR(128) NOT NULL,
    display_name   VARCHAR(200),
    regions        TEXT         NOT NULL,
    registered_by  VARCHAR(255),
    registered_at  TIMESTAMPTZ  NOT NULL,
    updated_at     TIMESTAMPTZ  NOT NULL
);
