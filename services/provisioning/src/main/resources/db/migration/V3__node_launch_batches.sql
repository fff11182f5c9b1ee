-- Nodes of one scale intent launched together: one EC2 RunInstances (MinCount = MaxCount = batch size) per
-- (zone, machine type) with one ClientToken (launch_batch). launch_index is the node's place in the batch
-- (the instance's amiLaunchIndex); both are written before the call, so a resumed launch repeats the same request.
ALTER TABLE node_request ADD COLUMN launch_batch VARCHAR(64);
ALTER TABLE node_request ADD COLUMN launch_index INTEGER;
CREATE INDEX node_request_launch_batch ON node_request (launch_batch) WHERE launch_batch IS NOT NULL;
