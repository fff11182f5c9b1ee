package io.skybridge.provisioning.service;

import io.fabric8.kubernetes.api.model.Node;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.skybridge.provisioning.cloud.CloudCallException;
import io.skybridge.provisioning.cloud.Clouds;
import io.skybridge.provisioning.cloud.ComputeApi;
import io.skybridge.provisioning.cloud.ComputeApi.LaunchSpec;
import io.skybridge.provisioning.cloud.ComputeApi.Vm;
import io.skybridge.provisioning.cloud.ComputeApi.VmState;
import io.skybridge.provisioning.config.ProvisioningConfig;
import io.skybridge.provisioning.domain.Backoff;
import io.skybridge.provisioning.domain.FailureReason;
import io.skybridge.provisioning.domain.LaunchPlan;
import io.skybridge.provisioning.domain.LaunchPlan.Attempt;
import io.skybridge.provisioning.domain.NodePhase;
import io.skybridge.provisioning.domain.NodePool;
import io.skybridge.provisioning.domain.NodeRequest;
import io.skybridge.provisioning.repository.NodeStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives single nodes through their phases on a pool of worker threads (cloud calls block): launches the
 * VM (own zone first, then the pool's other zones, then the fallback machine types while the cloud has no
 * capacity; bounded exponential backoff with jitter while it throttles), waits until it runs, records the
 * join, enforces the join timeout and hands decommissioning to the {@link NodeDrainer}. Every step starts
 * from the node's persisted phase, so running a node twice (e.g. after a restart) repeats nothing: launches
 * carry an idempotency token derived from (intent id, ordinal, zone, machine type).
 */
@ApplicationScoped
public class NodeLauncher {
    private static final Logger LOG = Logger.getLogger(NodeLauncher.class);

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
    NodeDrainer drainer;

    @Inject
    FailureCooldown cooldown;

    @Inject
    BatchLauncher batches;

    private final Set<String> busy = ConcurrentHashMap.newKeySet();
    /** Nodes asked for while busy: run once more when the current step ends (nothing waits for the sweep). */
    private final Set<String> rerun = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.BlockingQueue<String> joinOffers = new java.util.concurrent.LinkedBlockingQueue<>();
    private Thread joinRecorder;
    private ExecutorService workers;
    private volatile boolean started;

    void onStart(@Observes StartupEvent event) {
        AtomicInteger n = new AtomicInteger();
        workers = Executors.newFixedThreadPool(config.saga().workers(), r -> {
            Thread t = new Thread(r, "node-saga-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        started = true;
        joinRecorder = new Thread(this::recordJoins, "node-joins");
        joinRecorder.setDaemon(true);
        joinRecorder.start();
    }

    @Inject
    io.skybridge.shared.leader.Leadership leadership;

    @Inject
    io.skybridge.shared.leader.LeaderKicks kicks;

    static final String LOOP = "node-launcher";

    @jakarta.annotation.PostConstruct
    void registerKick() {
        kicks.register(LOOP, this::submitHere);
    }

    void onStop(@Observes ShutdownEvent event) {
        started = false;
        if (workers != null) {
            workers.shutdownNow();
        }
        if (joinRecorder != null) {
            joinRecorder.interrupt();
        }
    }

    /** Work on the node soon, on the leader (here, or forwarded to it). */
    public void submit(String nodeId) {
        kicks.kick(LOOP, nodeId);
    }

    /** Work on the node soon (while it is being worked on: once more right after). */
    private void submitHere(String nodeId) {
        if (!started || !leadership.acting(LOOP)) {
            return;
        }
        if (!busy.add(nodeId)) {
            rerun.add(nodeId);
            if (busy.contains(nodeId)) {
                return;
            }
            rerun.remove(nodeId); // released meanwhile: run it now
            if (!busy.add(nodeId)) {
                rerun.add(nodeId);
                return;
            }
        }
        workers.submit(() -> {
            try {
                leadership.runAsLeader(LOOP, () -> run(nodeId));
            } catch (RuntimeException e) {
                if (started) {
                    LOG.errorf(e, "node %s: step failed, the reconcile sweep will resume it", nodeId);
                }
            } finally {
                release(List.of(nodeId));
            }
        });
    }

    /**
     * Work on freshly requested nodes of one pool: those sharing a zone and a machine type are launched together
     * ({@link BatchLauncher}, one call per batch, batches in parallel), the others on their own.
     */
    public void submitAll(List<String> nodeIds) {
        if (!started || !leadership.acting(LOOP)) {
            return;
        }
        List<String> mine = nodeIds.stream().filter(busy::add).toList();
        workers.submit(() -> {
            Set<String> left = new java.util.LinkedHashSet<>(mine);
            try {
                List<NodeStore.ClaimedBatch> claimed = new java.util.ArrayList<>();
                leadership.runAsLeader(LOOP, () -> claimed.addAll(batches.claim(mine)));
                for (NodeStore.ClaimedBatch batch : claimed) {
                    List<String> ids = batch.nodes().stream().map(n -> n.id).toList();
                    ids.forEach(left::remove);
                    workers.submit(() -> {
                        try {
                            leadership.runAsLeader(LOOP, () -> batches.run(batch));
                        } catch (RuntimeException e) {
                            if (started) {
                                LOG.errorf(e, "launch batch of %s failed, the reconcile sweep will resume it", ids);
                            }
                        } finally {
                            release(ids);
                        }
                    });
                }
            } catch (RuntimeException e) {
                if (started) {
                    LOG.errorf(e, "claiming launch batches failed; launching the nodes one by one");
                }
            } finally {
                for (String id : left) { // not batched: each on its own
                    busy.remove(id);
                    rerun.remove(id);
                    submit(id);
                }
            }
        });
    }

    /**
     * The step on these nodes ended: those asked for meanwhile run again. One whose Node is Ready already (the
     * usual reason: the Node was seen before its VM was recorded) goes to the join recorder, which commits it
     * with the other joins in one transaction (and hands it back to its saga if it cannot).
     */
    private void release(java.util.Collection<String> nodeIds) {
        for (String id : nodeIds) {
            busy.remove(id);
            if (rerun.remove(id)) {
                if (watcher.readyNode(id).isPresent()) {
                    joined(id);
                } else {
                    submit(id);
                }
            }
        }
    }

    public boolean isBusy(String nodeId) {
        return busy.contains(nodeId);
    }

    void run(String nodeId) {
        NodeStore.Claimed claimed = store.claim(nodeId);
        if (claimed == null) {
            return;
        }
        NodeRequest n = claimed.node();
        switch (n.phase) {
            case LAUNCHING -> launch(n, claimed.pool());
            case PROVISIONED -> checkJoin(n);
            case DECOMMISSIONING -> drainer.decommission(n);
            default -> {
                // joined or finished: nothing to do
            }
        }
    }

    /** Launches a node the {@link NodeStore#claim} moved to LAUNCHING (read with its pool in the same transaction). */
    private void launch(NodeRequest n, NodePool pool) {
        if (n.launchBatch != null) {
            batches.resume(n.launchBatch); // launched with others: the same request again, never a second VM
            return;
        }
        ComputeApi api = clouds.of(n.cloud);
        List<Attempt> plan = LaunchPlan.from(LaunchPlan.of(n.zone, JoinConfiguration.list(pool.zones), pool.machineType,
                JoinConfiguration.list(pool.fallbackMachineTypes)), new Attempt(n.zone, n.machineType));
        String image = pool.image != null ? pool.image
                : "aws".equals(n.cloud) ? config.aws().defaultImage() : config.gcp().defaultImage();
        String boot = joins.bootData(n.cloud, joins.forNode(pool, n.id));
        Backoff backoff = new Backoff(config.saga().backoffBase(), config.saga().backoffMax());
        int calls = 0;
        CloudCallException last = null;
        Vm vm = null;
        for (Attempt attempt : plan) {
            if (!attempt.zone().equals(n.zone) || !attempt.machineType().equals(n.machineType)) {
                n = store.transition(n.id, EnumSet.of(NodePhase.LAUNCHING), x -> {
                    x.zone = attempt.zone();
                    x.machineType = attempt.machineType();
                    return List.of();
                });
                if (n == null) {
                    return; // decommissioned meanwhile
                }
            }
            LaunchSpec spec = new LaunchSpec(n.id, n.poolId, n.region, attempt.zone(), attempt.machineType(), image, boot,
                    idempotencyKey(n, attempt));
            last = null;
            for (int retry = 0; retry < config.saga().throttleAttempts(); retry++) {
                calls++;
                try {
                    vm = api.launch(spec);
                    break;
                } catch (CloudCallException e) {
                    last = e;
                    if (e.reason() != FailureReason.THROTTLED) {
                        break;
                    }
                    sleep(backoff.delayMillis(retry));
                }
            }
            if (vm != null) {
                break;
            }
            LOG.warnf("node %s: launch in %s as %s failed (%s): %s", n.id, attempt.zone(), attempt.machineType(),
                    last.reason(), last.getMessage());
            if (last.reason() != FailureReason.CAPACITY) {
                break; // only a lack of capacity is worth another zone or machine type
            }
        }
        int attempts = n.attempts + calls;
        if (vm == null) {
            fail(n.id, EnumSet.of(NodePhase.LAUNCHING), last.reason(), last.getMessage(), attempts);
            return;
        }
        Vm launched = vm;
        if (vm.state() != VmState.RUNNING) {
            // one look after a boot poll: a VM that already runs is recorded with its instance id in one transaction
            sleep(config.saga().bootPoll().toMillis());
            try {
                vm = api.describe(n.region, n.zone, n.id, launched.instanceId()).orElse(launched);
            } catch (CloudCallException e) {
                vm = launched;
            }
        }
        if (vm.state() == VmState.RUNNING) {
            Vm running = vm;
            NodeRequest provisioned = store.transition(n.id, EnumSet.of(NodePhase.LAUNCHING), x -> {
                x.instanceId = running.instanceId();
                x.attempts = attempts;
                x.phase = NodePhase.PROVISIONED;
                x.privateIp = running.privateIp();
                x.provisionedAt = Instant.now();
                return List.of(NodeEvents.provisioned(x));
            });
            if (provisioned != null) {
                LOG.infof("node %s: VM %s runs in %s", n.id, running.instanceId(), provisioned.zone);
                checkJoin(provisioned);
            } else {
                keepForDecommission(n.id, running.instanceId());
            }
            return;
        }
        // still booting: record the instance id first (a restart then knows the VM), then wait for it to run
        String nodeId = n.id;
        n = store.transition(nodeId, EnumSet.of(NodePhase.LAUNCHING), x -> {
            x.instanceId = launched.instanceId();
            x.attempts = attempts;
            return List.of();
        });
        if (n == null) {
            keepForDecommission(nodeId, launched.instanceId());
            return;
        }
        awaitRunning(n, api, vm);
    }

    /**
     * The node was decommissioned while its VM was launched: record the VM on it anyway, so that its decommission
     * (which runs once this step released the node) terminates the VM instead of leaving it running.
     */
    private void keepForDecommission(String nodeId, String instanceId) {
        NodeRequest kept = store.transition(nodeId, EnumSet.of(NodePhase.DECOMMISSIONING), x -> {
            if (x.instanceId == null) {
                x.instanceId = instanceId;
            }
            return List.of();
        });
        if (kept != null) {
            LOG.infof("node %s: decommissioned while VM %s was launched; its decommission terminates it", nodeId,
                    instanceId);
        }
    }

    /**
     * A Ready Node appeared for this node (the informer): record the join. Offers are collected by one thread
     * and committed together, one transaction for every node that joined meanwhile.
     */
    public void joined(String nodeId) {
        if (started && leadership.acting(LOOP)) {
            joinOffers.offer(nodeId);
        }
    }

    /**
     * A node a batch just recorded as PROVISIONED has a Ready Node already: the join recorder commits it with the
     * others, and an earlier request to run the node's own saga (the Node was seen before the VM was recorded) is
     * dropped — the recorder hands the node back to its saga should it not be able to record the join.
     */
    void joinedAfterBatch(String nodeId) {
        rerun.remove(nodeId);
        joined(nodeId);
    }

    private void recordJoins() {
        List<String> batch = new java.util.ArrayList<>();
        while (started) {
            try {
                batch.add(joinOffers.take());
            } catch (InterruptedException e) {
                return;
            }
            joinOffers.drainTo(batch);
            try {
                Set<String> ids = new java.util.LinkedHashSet<>(batch);
                List<NodeRequest> done = new java.util.ArrayList<>();
                leadership.runAsLeader(LOOP, () -> done.addAll(store.transitionAll(ids, EnumSet.of(NodePhase.PROVISIONED), x -> {
                    Optional<Node> node = watcher.readyNode(x.id);
                    return node.isPresent() && NodeWatcher.belongsTo(node.get(), x);
                }, x -> {
                    Node node = watcher.readyNode(x.id).orElseThrow();
                    x.phase = NodePhase.JOINED;
                    x.providerId = node.getSpec() == null ? null : node.getSpec().getProviderID();
                    x.joinedAt = Instant.now();
                    return List.of(NodeEvents.joined(x));
                })));
                done.forEach(x -> ids.remove(x.id));
                done.forEach(x -> LOG.infof("node %s joined the cluster", x.id));
                // anything else (not provisioned yet, decommissioning, a stale Node): the node's own saga decides
                ids.forEach(this::submit);
            } catch (RuntimeException e) {
                if (started) {
                    LOG.errorf(e, "recording joins failed; the reconcile sweep will pick them up");
                    batch.forEach(this::submit);
                }
            }
            batch.clear();
        }
    }

    private void awaitRunning(NodeRequest n, ComputeApi api, Vm vm) {
        long deadline = System.nanoTime() + config.saga().bootTimeout().toNanos();
        Vm current = vm;
        String lastError = null;
        while (current == null || current.state() != VmState.RUNNING) {
            if (current != null && current.state() == VmState.GONE) {
                fail(n.id, EnumSet.of(NodePhase.LAUNCHING), FailureReason.PROVIDER_UNAVAILABLE,
                        "VM " + vm.instanceId() + " was terminated while it booted", n.attempts);
                return;
            }
            if (System.nanoTime() > deadline) {
                terminateQuietly(n, api);
                fail(n.id, EnumSet.of(NodePhase.LAUNCHING), FailureReason.PROVIDER_UNAVAILABLE,
                        "VM " + vm.instanceId() + " did not run within " + config.saga().bootTimeout()
                                + (lastError == null ? "" : ": " + lastError), n.attempts);
                return;
            }
            sleep(config.saga().bootPoll().toMillis());
            try {
                current = api.describe(n.region, n.zone, n.id, vm.instanceId()).orElse(
                        new Vm(vm.instanceId(), n.id, n.zone, n.machineType, VmState.GONE, null));
            } catch (CloudCallException e) {
                lastError = e.getMessage();
                current = null;
            }
        }
        Vm running = current;
        NodeRequest provisioned = store.transition(n.id, EnumSet.of(NodePhase.LAUNCHING), x -> {
            x.phase = NodePhase.PROVISIONED;
            x.privateIp = running.privateIp();
            x.provisionedAt = Instant.now();
            return List.of(NodeEvents.provisioned(x));
        });
        if (provisioned != null) {
            LOG.infof("node %s: VM %s runs in %s", n.id, running.instanceId(), n.zone);
            checkJoin(provisioned);
        }
    }

    /** Records the join when a Ready Node exists for the VM; terminates the VM when it is too late. */
    void checkJoin(NodeRequest n) {
        Optional<Node> node = watcher.readyNode(n.id);
        if (node.isPresent() && NodeWatcher.belongsTo(node.get(), n)) {
            String providerId = node.get().getSpec() == null ? null : node.get().getSpec().getProviderID();
            NodeRequest joined = store.transition(n.id, EnumSet.of(NodePhase.PROVISIONED), x -> {
                x.phase = NodePhase.JOINED;
                x.providerId = providerId;
                x.joinedAt = Instant.now();
                return List.of(NodeEvents.joined(x));
            });
            if (joined != null) {
                LOG.infof("node %s joined the cluster", n.id);
            }
            return;
        }
        if (n.provisionedAt != null && n.provisionedAt.plus(config.join().timeout()).isBefore(Instant.now())) {
            terminateQuietly(n, clouds.of(n.cloud));
            fail(n.id, EnumSet.of(NodePhase.PROVISIONED), FailureReason.JOIN_TIMEOUT, "VM " + n.instanceId
                    + " did not become a Ready node within " + config.join().timeout() + "; terminated", n.attempts);
        }
    }

    private void terminateQuietly(NodeRequest n, ComputeApi api) {
        try {
            api.terminate(n.region, n.zone, n.id, n.instanceId);
        } catch (CloudCallException e) {
            LOG.warnf("node %s: could not terminate VM %s: %s", n.id, n.instanceId, e.getMessage());
        }
    }

    void fail(String nodeId, Set<NodePhase> from, FailureReason reason, String message, int attempts) {
        NodeRequest failed = store.transition(nodeId, from, x -> {
            x.phase = NodePhase.FAILED;
            x.attempts = Math.max(1, attempts);
            x.failureReason = reason.name();
            x.failureMessage = NodeEvents.truncate(message);
            x.finishedAt = Instant.now();
            return List.of(NodeEvents.failed(x, reason, message));
        });
        if (failed != null) {
            cooldown.failed(failed.poolId);
            LOG.warnf("node %s failed: %s", nodeId, reason);
        }
    }

    /** EC2 ClientToken (at most 64 ASCII characters) and seed of the Compute Engine requestId. */
    static String idempotencyKey(NodeRequest n, Attempt attempt) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((n.intentId + "|" + n.poolId + "|" + n.ordinal
                    + "|" + attempt.zone() + "|" + attempt.machineType()).getBytes(StandardCharsets.UTF_8));
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
