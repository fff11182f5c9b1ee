ALTER TABLE network_link ADD COLUMN isolated_cloud VARCHAR(8);
ALTER TABLE network_link ADD COLUMN incident_id VARCHAR(128);
-- the highest fencing epoch seen for this link: isolation/restoration with an older one are refused
ALTER TABLE network_link ADD COLUMN fence_epoch BIGINT NOT NULL DEFAULT 0;
-- set while a restoration waits for its tunnels: the monitor reports NetworkLinkRestored once all are up
ALTER TABLE network_link ADD COLUMN restore_pending BOOLEAN NOT NULL DEFAULT FALSE;
