package io.skybridge.inventory.kube;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.skybridge.inventory.config.InventoryConfig;
import io.skybridge.inventory.domain.NodeObservation;
import io.skybridge.inventory.domain.Workload;
import io.skybridge.inventory.repository.ClusterStore;
import io.skybridge.inventory.repository.Tx;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns the informers' change marks into rows, on one thread of its own: marks arriving within the
 * debounce window are projected from the informer caches and written in one transaction. A failed
 * batch is marked again and retried a second later.
 */
@ApplicationScoped
public class Projector {
    private static final Logger LOG = Logger.getLogger(Projector.class);

    @Inject
    InventoryConfig config;

    @Inject
    ClusterStore store;

    @Inject
    Tx tx;

    private final Set<String> dirtyNodes = ConcurrentHashMap.newKeySet();
    private final Set<String> dirtyWorkloads = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "inventory-projector");
        t.setDaemon(true);
        return t;
    });
    private volatile ClusterWatch watch;

    @Inject
    io.skybridge.shared.leader.Leadership leadership;

    static final String LOOP = "cluster-projector";

    /** Every replica's informers watch the cluster; the leader writes the projection. A new leader projects everything. */
    void onLeadership(@Observes io.skybridge.shared.leader.LeadershipChanged change) {
        if (change.leading() && watch != null) {
            reconcileAll();
        }
    }

    void attach(ClusterWatch watch) {
        this.watch = watch;
    }

    void onStop(@Observes ShutdownEvent event) {
        worker.shutdownNow();
    }

    public void nodeChanged(String name) {
        dirtyNodes.add(name);
        schedule(config.cluster().debounce().toMillis());
    }

    public void workloadChanged(String id) {
        dirtyWorkloads.add(id);
        schedule(config.cluster().debounce().toMillis());
    }

    /** After the informers synced: rows of nodes / workloads that vanished while we were away go too. */
    void reconcileAll() {
        worker.execute(() -> {
            try {
                List<String> nodeIds = tx.run(() -> NodeObservation.<NodeObservation>listAll()
                        .map(l -> l.stream().map(n -> n.nodeId).toList()));
                List<String> workloadIds = tx.run(() -> Workload.<Workload>listAll()
                        .map(l -> l.stream().map(w -> w.id).toList()));
                dirtyNodes.addAll(nodeIds);
                dirtyNodes.addAll(watch.nodeNames());
                dirtyWorkloads.addAll(workloadIds);
                dirtyWorkloads.addAll(watch.workloadIds());
            } catch (RuntimeException e) {
                LOG.warnf("reconciliation failed: %s", e.toString());
            }
            schedule(0);
        });
    }

    /** Projects every node and workload of the informer caches now, on the projector thread, and waits. */
    public void projectAllNow() {
        if (watch == null) {
            return;
        }
        try {
            worker.submit(() -> {
                dirtyNodes.addAll(watch.nodeNames());
                dirtyWorkloads.addAll(watch.workloadIds());
                flush();
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private void schedule(long delayMillis) {
        if (scheduled.compareAndSet(false, true)) {
            worker.schedule(this::flush, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void flush() {
        scheduled.set(false);
        Set<String> nodes = drain(dirtyNodes);
        Set<String> workloads = drain(dirtyWorkloads);
        if (nodes.isEmpty() && workloads.isEmpty() || !leadership.acting(LOOP)) {
            return; // a follower drops its changes: the leader projects them (and everything when it takes over)
        }
        try {
            leadership.runAsLeader(LOOP, () -> store.apply(project(nodes, workloads)));
        } catch (RuntimeException e) {
            LOG.warnf("projection of %d node(s) / %d workload(s) failed, retrying: %s", nodes.size(),
                    workloads.size(), e.toString());
            dirtyNodes.addAll(nodes);
            dirtyWorkloads.addAll(workloads);
            schedule(1000);
        }
    }

    private ClusterStore.Batch project(Set<String> nodeNames, Set<String> workloadIds) {
        List<NodeObservation> nodes = new ArrayList<>();
        List<String> goneNodes = new ArrayList<>();
        for (String name : nodeNames) {
            Node node = watch.node(name);
            NodeObservation o = node == null ? null : NodeProjection.of(node, watch.podsOn(name));
            if (o == null) {
                goneNodes.add(name);
            } else {
                nodes.add(o);
            }
        }
        List<Workload> workloads = new ArrayList<>();
        List<String> goneWorkloads = new ArrayList<>();
        for (String id : workloadIds) {
            Workload w = projectWorkload(id);
            if (w == null) {
                goneWorkloads.add(id);
            } else {
                workloads.add(w);
            }
        }
        return new ClusterStore.Batch(nodes, goneNodes, workloads, goneWorkloads);
    }

    private Workload projectWorkload(String id) {
        String[] parts = id.split("/", 3);
        if (parts.length != 3) {
            return null;
        }
        if ("Deployment".equals(parts[1])) {
            Deployment d = watch.deployment(parts[0], parts[2]);
            return d == null ? null : WorkloadProjection.of(d, watch.podsOf(id), watch::cloudOf);
        }
        StatefulSet s = watch.statefulSet(parts[0], parts[2]);
        return s == null ? null : WorkloadProjection.of(s, watch.podsOf(id), watch::cloudOf);
    }

    private static Set<String> drain(Set<String> dirty) {
        Set<String> taken = new HashSet<>();
        for (String s : dirty) {
            if (dirty.remove(s)) {
                taken.add(s);
            }
        }
        return taken;
    }
}
