-- Progressive failover: the plan's moves with their wave and what happened to each (moved at, Ready at,
-- replicas wanted, pods force-deleted), as JSON, saved with the run's progress so that a resumed run neither
-- moves a workload twice nor reports its migration twice.
ALTER TABLE failover_run ADD COLUMN moves TEXT;
