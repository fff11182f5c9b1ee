-- Fencing of singleton loops: a replica that acquires the service's Lease increments the term of its row,
-- and every transaction of a leader loop reads the row FOR SHARE and is refused unless the term is its own.
-- The increment waits for a deposed leader's open transactions; after it, their checks fail.
CREATE TABLE leader_term (
    lease        VARCHAR(255) PRIMARY KEY,
    term         BIGINT       NOT NULL,
    holder       VARCHAR(255) NOT NULL,
    acquired_at  TIMESTAMPTZ  NOT NULL
);
