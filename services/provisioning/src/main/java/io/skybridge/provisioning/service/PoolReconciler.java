package io.skybridge.provisioning.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.skybridge.contracts.SkybridgeMessage;
import io.skybridge.provisioning.cloud.CloudCallException;
import io.skybridge.provisioning.cloud.ComputeApi.Vm;
import io.skybridge.provisioning.cloud.Clouds;
import io.skybridge.provisioning.domain.NodePhase;
import io.skybridge.provisioning.domain.NodePool;
import io.skybridge.provisioning.domain.NodeRequest;
import io.skybridge.provisioning.domain.ZoneSpread;
import io.skybridge.provisioning.repository.NodeStore;
import io.skybridge.provisioning.repository.NodeStore.PoolSnapshot;
import io.skybridge.shared.domain.Names;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Makes each pool's nodes match its desired size, on one dedicated thread: adds node requests (spread
 * across the pool's zones) or picks the youngest nodes for decommissioning, resumes nodes whose phase a
 * crash left unfinished, and replaces joined nodes whose VM disappeared behind the service's back. Runs
 * when an intent committed, when a pool's Node disappears, and periodically.
 */
@ApplicationScoped
public class PoolReconciler {
    private static final Logger LOG = Logger.getLogger(PoolReconciler.class);

    @Inject
    NodeStore store;

    @Inject
    NodeLauncher launcher;

    @Inject
    Clouds clouds;

    @Inject
    FailureCooldown cooldown;

    @Inject
    io.skybridge.shared.leader.Leadership leadership;

    @Inject
    io.skybridge.shared.leader.LeaderKicks kicks;

    static final String LOOP = "pool-reconciler";

    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    /** The reconciler's work: kicks of a changed pool go first, the periodic sweep's kicks last. */
    private final java.util.concurrent.LinkedBlockingDeque<Runnable> work = new java.util.concurrent.LinkedBlockingDeque<>();
    private Thread worker;
    private volatile boolean started;

    void onStart(@Observes StartupEvent event) {
        started = true;
        worker = new Thread(this::drain, "pool-reconciler");
        worker.setDaemon(true);
        worker.start();
        kicks.register(LOOP, poolId -> kick(poolId, false, true));
    }

    /** A replica that starts leading reconciles every pool at once (intents may have been committed elsewhere). */
    void onLeadership(@Observes io.skybridge.shared.leader.LeadershipChanged change) {
        if (change.leading() && started) {
            store.poolIds().forEach(id -> kick(id, false, false));
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        started = false;
        if (worker != null) {
            worker.interrupt();
        }
    }

    private void drain() {
        while (started) {
            try {
                work.take().run();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Reconcile the pool soon (ahead of the periodic sweep's work: an intent or a lost Node is waiting). */
    public void kick(String poolId) {
        kicks.kick(LOOP, poolId); // the leader reconciles: here, or forwarded to it
    }

    /** Reconcile the pool soon, checking first that its joined nodes' VMs still exist. */
    public void kickAndVerify(String poolId) {
        kick(poolId, true, true);
    }

    private void kick(String poolId, boolean checkCloud, boolean urgent) {
        // an urgent kick of a pool the sweep queued goes first anyway (reconciling twice changes nothing)
        if (started && leadership.acting(LOOP) && (queued.add(poolId) || urgent)) {
            Runnable task = () -> {
                queued.remove(poolId);
                try {
                    leadership.runAsLeader(LOOP, () -> reconcile(poolId, checkCloud));
                } catch (RuntimeException e) {
                    if (started) {
                        LOG.errorf(e, "pool %s: reconciliation failed, the sweep will retry", poolId);
                    }
                }
            };
            if (urgent) {
                work.offerFirst(task);
            } else {
                work.offerLast(task);
            }
        }
    }

    @Scheduled(every = "${skybridge.provisioning.saga.reconcile-interval:15s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        if (started && leadership.acting(LOOP)) {
            store.poolIds().forEach(id -> kick(id, true, false));
        }
    }

    void reconcile(String poolId, boolean checkCloud) {
        PoolSnapshot s = store.pool(poolId);
        if (s == null) {
            return;
        }
        NodePool pool = s.pool();
        List<NodeRequest> nodes = s.nodes();
        if (checkCloud) {
            nodes = replaceLost(pool, nodes);
        }
        // resume whatever a crash (or a failed step) left mid-way
        nodes.stream().filter(n -> NodePhase.IN_FLIGHT.contains(n.phase) && !launcher.isBusy(n.id))
                .forEach(n -> launcher.submit(n.id));

        List<NodeRequest> active = nodes.stream().filter(n -> NodePhase.ACTIVE.contains(n.phase)).toList();
        int missing = pool.desiredSize - active.size();
        if (missing > 0 && !cooldown.coolingDown(pool.id)) {
            addNodes(pool, active, missing);
        } else if (missing < 0) {
            // youngest first
            active.stream().sorted(Comparator.comparingInt((NodeRequest n) -> n.ordinal).reversed()).limit(-missing)
                    .forEach(n -> {
                        NodeRequest marked = store.transition(n.id, NodePhase.ACTIVE, x -> {
                            x.phase = NodePhase.DECOMMISSIONING;
                            x.drain = true;
                            return List.<SkybridgeMessage>of();
                        });
                        if (marked != null) {
                            launcher.submit(n.id);
                        }
                    });
        }
    }

    private void addNodes(NodePool pool, List<NodeRequest> active, int count) {
        List<String> zones = JoinConfiguration.list(pool.zones);
        Map<String, Integer> perZone = ZoneSpread.count(active.stream().map(n -> n.zone).toList());
        List<NodeRequest> added = new ArrayList<>();
        int ordinal = pool.nextOrdinal;
        Instant now = Instant.now();
        for (int i = 0; i < count; i++, ordinal++) {
            NodeRequest n = new NodeRequest();
            n.ordinal = ordinal;
            n.id = nodeName(pool.id, ordinal);
            n.poolId = pool.id;
            n.cloud = pool.cloud;
            n.region = pool.region;
            n.zone = ZoneSpread.next(zones, perZone);
            perZone.merge(n.zone, 1, Integer::sum);
            n.machineType = pool.machineType;
            n.phase = NodePhase.REQUESTED;
            n.intentId = pool.lastIntentId;
            n.correlationId = pool.correlationId != null ? pool.correlationId : pool.lastIntentId;
            n.causationId = pool.causeEventId != null ? pool.causeEventId : pool.lastIntentId;
            n.requestedBy = pool.requestedBy;
            n.traceparent = pool.traceparent;
            n.createdAt = now;
            n.updatedAt = now;
            added.add(n);
        }
        store.addNodes(pool.id, ordinal, added, n -> List.of(NodeEvents.started(n)));
        LOG.infof("pool %s: %d node(s) requested", pool.id, count);
        List<String> ids = added.stream().map(n -> n.id).toList();
        if (ids.size() > 1 && clouds.of(pool.cloud).launchesInBatches()) {
            launcher.submitAll(ids); // one launch call per zone and machine type
        } else {
            ids.forEach(launcher::submit);
        }
    }

    /** Joined nodes whose VM is gone (terminated behind our back) are marked LOST, so they get replaced. */
    private List<NodeRequest> replaceLost(NodePool pool, List<NodeRequest> nodes) {
        List<NodeRequest> joined = nodes.stream().filter(n -> n.phase == NodePhase.JOINED).toList();
        if (joined.isEmpty()) {
            return nodes;
        }
        Set<String> alive;
        try {
            alive = clouds.of(pool.cloud).listPool(pool.region, JoinConfiguration.list(pool.zones), pool.id).stream()
                    .filter(vm -> vm.state() != io.skybridge.provisioning.cloud.ComputeApi.VmState.GONE)
                    .map(Vm::instanceId).collect(Collectors.toSet());
        } catch (CloudCallException e) {
            LOG.debugf("pool %s: cannot list VMs (%s): %s", pool.id, e.reason(), e.getMessage());
            return nodes;
        }
        List<NodeRequest> result = new ArrayList<>(nodes);
        for (NodeRequest n : joined) {
            if (!alive.contains(n.instanceId)) {
                NodeRequest lost = store.transition(n.id, EnumSet.of(NodePhase.JOINED), x -> {
                    x.phase = NodePhase.LOST;
                    x.finishedAt = Instant.now();
                    return List.of();
                });
                if (lost != null) {
                    LOG.warnf("node %s: VM %s is gone; it will be replaced", n.id, n.instanceId);
                    result.replaceAll(x -> x.id.equals(lost.id) ? lost : x);
                }
            }
        }
        return result;
    }

    /**
     * {@code <pool>-<ordinal>}: a DNS label of at most 63 characters (the VM and Node name). A longer one keeps its
     * beginning and ends in a hash of the whole ({@link Names#fit}), so pools with a long shared prefix never share
     * a node name.
     */
    static String nodeName(String poolId, int ordinal) {
        return Names.fit(poolId + "-" + ordinal);
    }
}
