-- Whether the node's pods were drained, recorded before its VM is terminated: a decommission resumed after that
-- point (restart, leader handover) finds the Node object gone and must still report the drain it did.
ALTER TABLE node_request ADD COLUMN drained BOOLEAN NOT NULL DEFAULT FALSE;
