-- Incident kinds (OUTAGE | COMPROMISE) and when the first evidence of a detected outage was seen.
ALTER TABLE incident ADD COLUMN kind VARCHAR(16) NOT NULL DEFAULT 'OUTAGE';
ALTER TABLE incident ADD COLUMN first_evidence_at TIMESTAMPTZ;

-- The capacity step: the surge pool asked for, its size before and the size requested (persisted before
-- the intent is published, in the same transaction, so a resumed run never asks twice).
ALTER TABLE failover_run ADD COLUMN capacity_pool VARCHAR(128);
ALTER TABLE failover_run ADD COLUMN capacity_before INTEGER;
ALTER TABLE failover_run ADD COLUMN capacity_target INTEGER;
ALTER TABLE failover_run ADD COLUMN capacity_intent_id VARCHAR(64);
-- COMPROMISE: the links asked to be isolated.
ALTER TABLE failover_run ADD COLUMN isolated_links TEXT;
-- Failback: REQUESTED → RUNNING → COMPLETED | FAILED.
ALTER TABLE failover_run ADD COLUMN failback_status VARCHAR(16);
ALTER TABLE failover_run ADD COLUMN failback_automatic BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE failover_run ADD COLUMN failback_requested_by VARCHAR(255);
ALTER TABLE failover_run ADD COLUMN failback_completed_at TIMESTAMPTZ;

-- Cross-cloud links known from networking's events: what a COMPROMISE incident isolates.
CREATE TABLE known_link (
    link_id    VARCHAR(128) PRIMARY KEY,
    state      VARCHAR(16)  NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL
);
