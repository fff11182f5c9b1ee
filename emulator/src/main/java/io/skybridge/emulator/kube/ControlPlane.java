package io.skybridge.emulator.kube;

import io.skybridge.emulator.kube.controller.DeploymentController;
import io.skybridge.emulator.kube.controller.DisruptionBudgetController;
import io.skybridge.emulator.kube.controller.NodeLifecycleController;
import io.skybridge.emulator.kube.controller.PodGarbageCollector;
import io.skybridge.emulator.kube.controller.StatefulSetController;
import io.skybridge.emulator.kube.controller.nodelifecycle.DefaultTolerationSeconds;
import io.skybridge.emulator.kube.controller.nodelifecycle.TaintEvictionController;
import io.skybridge.emulator.kube.controller.nodelifecycle.UpstreamNodeLifecycle;
import io.skybridge.emulator.kube.kubelet.Kubelets;
import io.skybridge.emulator.kube.kubelet.PodRuntime;

import java.util.HashMap;
import java.util.Map;

/**
 * The simulated control plane, run by one loop thread: it wires the kubelets of the emulated VMs
 * ({@link Kubelets}, {@link PodRuntime}), the controllers of {@code kube.controller} and the {@link Scheduler},
 * and runs them in order on every store change and every {@code tick}. {@link #step()} runs one pass
 * synchronously (tests, benchmark).
 */
public final class ControlPlane implements AutoCloseable {
    private final KubeStore store;
    private final VmSource vms;
    private final KubeConfig cfg;
    private final Kubelets kubelets;
    private final PodRuntime pods;
    private final NodeLifecycleController nodeLifecycle;
    private final UpstreamNodeLifecycle upstreamNodeLifecycle;
    private final TaintEvictionController taintEviction;
    private final PodGarbageCollector garbageCollector;
    private final DeploymentController deployments;
    private final StatefulSetController statefulSets;
    private final DisruptionBudgetController disruptionBudgets;
    private final Scheduler scheduler;
    private final Map<String, Long> lastAttempt = new HashMap<>();
    private long lastVmSync = System.nanoTime() - 1_000_000_000_000L;
    private final Object signal = new Object();
    private volatile boolean dirty = true;
    private volatile boolean nodesChanged = true;
    private volatile boolean running;
    private Thread thread;
    private final Watch nodeWatch;

    public ControlPlane(KubeStore store, VmSource vms, KubeConfig cfg) {
        this.store = store;
        this.vms = vms;
        this.cfg = cfg;
        EventRecorder events = new EventRecorder(store, cfg, vms::nowMillis);
        this.kubelets = new Kubelets(store, vms, cfg, events);
        this.pods = new PodRuntime(store, cfg);
        this.nodeLifecycle = new NodeLifecycleController(store, cfg, events);
        this.upstreamNodeLifecycle = new UpstreamNodeLifecycle(store, cfg, events, nodeLifecycle);
        this.taintEviction = new TaintEvictionController(store, events);
        store.setPodAdmission(pod -> {
            if (cfg.nodeLifecycle == KubeConfig.NodeLifecycleMode.UPSTREAM) {
                DefaultTolerationSeconds.admit(pod, cfg);
            }
        });
        this.garbageCollector = new PodGarbageCollector(store);
        this.deployments = new DeploymentController(store);
        this.statefulSets = new StatefulSetController(store);
        this.disruptionBudgets = new DisruptionBudgetController(store);
        this.scheduler = new Scheduler(store, events, pods::bound);
        store.setChangeListener(this::wake);
        this.nodeWatch = store.watch(ResourceType.NODES, null, null, null, null, (t, o) -> nodesChanged = true);
    }

    public KubeConfig config() {
        return cfg;
    }

    private void wake() {
        dirty = true;
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "skybridge-kube-control-plane");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            dirty = false;
            try {
                step();
            } catch (RuntimeException e) {
                System.err.println("[kube control plane] " + e);
            }
            synchronized (signal) {
                if (!dirty && running) {
                    try {
                        signal.wait(Math.max(1, cfg.tick.toMillis()));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        wake();
        nodeWatch.close();
        if (thread != null) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One pass of every controller, in order: kubelets and node lifecycle (every tick), GC, workloads, scheduler, pods, PDBs. */
    public synchronized void step() {
        long now = vms.nowMillis();
        long mono = System.nanoTime();
        if (mono - lastVmSync >= cfg.tick.toNanos()) {
            lastVmSync = mono;
            kubelets.sync(now);
            if (cfg.nodeLifecycle == KubeConfig.NodeLifecycleMode.UPSTREAM) {
                upstreamNodeLifecycle.reconcile(now, kubelets.lastHeartbeats());
                taintEviction.reconcile(now);
            } else {
                nodeLifecycle.reconcile(now, kubelets.lastHeartbeats());
            }
        }
        Map<String, Boolean> alive = kubelets.alive();
        garbageCollector.reconcile();
        deployments.reconcile();
        statefulSets.reconcile();
        boolean retryAll = nodesChanged;
        nodesChanged = false;
        scheduler.schedule(retryAll, now, cfg.unschedulableRetry.toMillis(), lastAttempt);
        pods.sync(now, alive);
        disruptionBudgets.reconcile();
    }
}
