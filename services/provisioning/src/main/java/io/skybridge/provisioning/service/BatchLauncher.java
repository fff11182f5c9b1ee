package io.skybridge.provisioning.service;

import io.skybridge.provisioning.cloud.CloudCallException;
import io.skybridge.provisioning.cloud.Clouds;
import io.skybridge.provisioning.cloud.ComputeApi;
import io.skybridge.provisioning.cloud.ComputeApi.BatchSpec;
import io.skybridge.provisioning.cloud.ComputeApi.Vm;
import io.skybridge.provisioning.cloud.ComputeApi.VmState;
import io.skybridge.provisioning.config.ProvisioningConfig;
import io.skybridge.provisioning.domain.Backoff;
import io.skybridge.provisioning.domain.FailureReason;
import io.skybridge.provisioning.domain.LaunchPlan;
import io.skybridge.provisioning.domain.NodePhase;
import io.skybridge.provisioning.domain.NodeRequest;
import io.skybridge.provisioning.repository.NodeStore;
import io.skybridge.provisioning.repository.NodeStore.ClaimedBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Launches the nodes of one scale-up that share a zone and a machine type with ONE call (EC2 RunInstances with
 * MinCount = MaxCount = n): the batch's token (the ClientToken, derived from the intent, the pool, zone, machine
 * type, first ordinal and size) and each node's launch index are committed before the call, so a repeated or
 * resumed launch sends the same request and gets the same VMs back: never a VM twice. One DescribeInstances then
 * follows every VM of the batch, and the nodes move to PROVISIONED together in one transaction. A batch the cloud
 * has no capacity for goes back to the single-node saga (zone and machine-type fallback); any other refusal fails
 * its nodes as the single-node saga would.
 */
@ApplicationScoped
public class BatchLauncher {
    private static final Logger LOG = Logger.getLogger(BatchLauncher.class);

    @Inject
    NodeStore store;

    @Inject
    Clouds clouds;

    @Inject
    JoinConfiguration joins;

    @Inject
    ProvisioningConfig config;

    @Inject
    NodeWatcher watcher;

    @Inject
    NodeLauncher launcher;

    private final Set<String> running = ConcurrentHashMap.newKeySet();

    /** Claims freshly requested nodes into launch batches (nodes left out stay REQUESTED, for the single saga). */
    public List<ClaimedBatch> claim(List<String> nodeIds) {
        return store.claimBatches(nodeIds, Math.max(1, config.saga().launchBatchSize()), BatchLauncher::token);
    }

    /** A node of a batch was found LAUNCHING (a restart, a retry): repeat its batch's launch, same token. */
    public void resume(String launchBatch) {
        ClaimedBatch batch = store.batch(launchBatch);
        if (batch != null) {
            run(batch);
        }
    }

    /** Launches the batch and follows its VMs until each runs (a batch runs once at a time). */
    public void run(ClaimedBatch batch) {
        String token = batch.nodes().get(0).launchBatch;
        if (!running.add(token)) {
            return;
        }
        try {
            launch(batch, token);
        } finally {
            running.remove(token);
        }
    }

    private void launch(ClaimedBatch batch, String token) {
        List<NodeRequest> all = batch.nodes();
        NodeRequest first = all.get(0);
        ComputeApi api = clouds.of(first.cloud);
        String image = batch.pool().image != null ? batch.pool().image
                : "aws".equals(first.cloud) ? config.aws().defaultImage() : config.gcp().defaultImage();
        String boot = joins.bootData(first.cloud, joins.forBatch(batch.pool(), all.stream().map(n -> n.id).toList()));
        BatchSpec spec = new BatchSpec(first.poolId, first.region, first.zone, first.machineType, image, boot, token,
                all.size());
        Backoff backoff = new Backoff(config.saga().backoffBase(), config.saga().backoffMax());
        List<Vm> vms = null;
        CloudCallException last = null;
        int calls = 0;
        for (int retry = 0; retry < config.saga().throttleAttempts() && vms == null; retry++) {
            calls++;
            try {
                vms = api.launchAll(spec);
            } catch (CloudCallException e) {
                last = e;
                if (e.reason() != FailureReason.THROTTLED) {
                    break;
                }
                sleep(backoff.delayMillis(retry));
            }
        }
        List<String> ids = all.stream().map(n -> n.id).toList();
        if (vms == null) {
            refused(batch, token, last, calls);
            return;
        }
        LOG.infof("batch %s: %d VMs launched in %s as %s", token, vms.size(), first.zone, first.machineType);
        Map<String, Vm> byNode = new HashMap<>();
        for (NodeRequest n : all) {
            byNode.put(n.id, vms.get(n.launchIndex));
        }
        follow(first.region, token, byNode, api, calls);
    }

    /**
     * Looks at the VMs once after a boot poll (unless they already run), records them, then polls those still
     * booting with one call per round until each runs, is gone, or times out.
     */
    private void follow(String region, String token, Map<String, Vm> byNode, ComputeApi api, int calls) {
        Map<String, Vm> pending = byNode;
        long deadline = System.nanoTime() + config.saga().bootTimeout().toNanos();
        boolean first = true;
        while (true) {
            if (!first || pending.values().stream().anyMatch(vm -> vm.state() != VmState.RUNNING)) {
                sleep(config.saga().bootPoll().toMillis());
                pending = describe(region, pending, api);
            }
            pending = record(token, pending, first ? calls : 0);
            first = false;
            if (pending.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                pending.forEach((nodeId, vm) -> {
                    terminateQuietly(api, region, nodeId, vm);
                    launcher.fail(nodeId, EnumSet.of(NodePhase.LAUNCHING), FailureReason.PROVIDER_UNAVAILABLE,
                            "VM " + vm.instanceId() + " did not run within " + config.saga().bootTimeout(), 1);
                });
                return;
            }
        }
    }

    private Map<String, Vm> describe(String region, Map<String, Vm> pending, ComputeApi api) {
        Map<String, Vm> now;
        try {
            now = api.describeAll(region, pending.values().stream().map(Vm::instanceId).toList());
        } catch (CloudCallException e) {
            LOG.debugf("describing a batch failed, will poll again: %s", e.getMessage());
            return pending;
        }
        Map<String, Vm> next = new HashMap<>();
        pending.forEach((nodeId, vm) -> next.put(nodeId, now.getOrDefault(vm.instanceId(),
                new Vm(vm.instanceId(), nodeId, vm.zone(), vm.machineType(), VmState.GONE, null))));
        return next;
    }

    /**
     * One transaction for the batch: every VM's instance id, and PROVISIONED + NodeProvisioned for those that run.
     * VMs that are gone fail their node. @return the nodes whose VM does not run yet
     */
    private Map<String, Vm> record(String token, Map<String, Vm> vms, int calls) {
        // a node decommissioned while its VM was launched keeps the VM's id too: its decommission terminates it
        List<NodeRequest> changed = store.transitionAll(vms.keySet(), EnumSet.of(NodePhase.LAUNCHING,
                        NodePhase.DECOMMISSIONING), x -> token.equals(x.launchBatch)
                        && (x.phase == NodePhase.LAUNCHING || x.instanceId == null), x -> {
                    Vm vm = vms.get(x.id);
                    x.instanceId = vm.instanceId();
                    x.attempts += calls;
                    if (vm.state() != VmState.RUNNING || x.phase == NodePhase.DECOMMISSIONING) {
                        return List.of();
                    }
                    x.phase = NodePhase.PROVISIONED;
                    x.privateIp = vm.privateIp();
                    x.provisionedAt = Instant.now();
                    return List.of(NodeEvents.provisioned(x));
                });
        Map<String, Vm> pending = new HashMap<>();
        LOG.infof("batch %s: %d of %d nodes provisioned", token,
                changed.stream().filter(n -> n.phase == NodePhase.PROVISIONED).count(), vms.size());
        for (NodeRequest n : changed) {
            Vm vm = vms.get(n.id);
            if (n.phase == NodePhase.DECOMMISSIONING) {
                LOG.infof("node %s: decommissioned while VM %s was launched; its decommission terminates it", n.id,
                        vm.instanceId());
            } else if (n.phase == NodePhase.PROVISIONED) {
                if (watcher.readyNode(n.id).isPresent()) {
                    launcher.joinedAfterBatch(n.id); // the join recorder commits it with the other joins
                }
            } else if (vm.state() == VmState.GONE) {
                launcher.fail(n.id, EnumSet.of(NodePhase.LAUNCHING), FailureReason.PROVIDER_UNAVAILABLE,
                        "VM " + vm.instanceId() + " was terminated while it booted", Math.max(1, n.attempts));
            } else {
                pending.put(n.id, vm);
            }
        }
        return pending;
    }

    /**
     * No VM was created. Without capacity, each node goes on on its own from the next (zone, machine type) of its
     * launch plan (the batch's attempt counts as its first); any other refusal fails the nodes.
     */
    private void refused(ClaimedBatch batch, String token, CloudCallException last, int calls) {
        if (last == null) {
            return;
        }
        List<String> ids = batch.nodes().stream().map(n -> n.id).toList();
        LOG.warnf("batch %s of %d nodes refused (%s): %s", token, ids.size(), last.reason(), last.getMessage());
        if (last.reason() == FailureReason.CAPACITY) {
            NodeRequest first = batch.nodes().get(0);
            List<LaunchPlan.Attempt> plan = LaunchPlan.from(LaunchPlan.of(first.zone,
                    JoinConfiguration.list(batch.pool().zones), batch.pool().machineType,
                    JoinConfiguration.list(batch.pool().fallbackMachineTypes)),
                    new LaunchPlan.Attempt(first.zone, first.machineType));
            if (plan.size() > 1) {
                LaunchPlan.Attempt next = plan.get(1);
                List<NodeRequest> single = store.transitionAll(ids, EnumSet.of(NodePhase.LAUNCHING),
                        x -> token.equals(x.launchBatch), x -> {
                            x.launchBatch = null;
                            x.launchIndex = null;
                            x.zone = next.zone();
                            x.machineType = next.machineType();
                            x.attempts += calls;
                            return List.of();
                        });
                single.forEach(n -> launcher.submit(n.id));
                return;
            }
        }
        for (String id : ids) {
            launcher.fail(id, EnumSet.of(NodePhase.LAUNCHING), last.reason(), last.getMessage(), calls);
        }
    }

    private void terminateQuietly(ComputeApi api, String region, String nodeId, Vm vm) {
        try {
            api.terminate(region, vm.zone(), nodeId, vm.instanceId());
        } catch (CloudCallException e) {
            LOG.warnf("node %s: could not terminate VM %s: %s", nodeId, vm.instanceId(), e.getMessage());
        }
    }

    /** The batch's ClientToken (at most 64 ASCII characters): the same nodes always give the same token. */
    static String token(List<NodeRequest> batch) {
        NodeRequest first = batch.get(0);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("batch|" + first.intentId + "|" + first.poolId
                    + "|" + first.zone + "|" + first.machineType + "|" + first.ordinal + "|" + batch.size())
                    .getBytes(StandardCharsets.UTF_8));
            return "sb-" + HexFormat.of().formatHex(digest).substring(0, 56);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
