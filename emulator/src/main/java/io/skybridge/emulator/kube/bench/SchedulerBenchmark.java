package io.skybridge.emulator.kube.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.emulator.kube.ControlPlane;
import io.skybridge.emulator.kube.Json;
import io.skybridge.emulator.kube.KubeConfig;
import io.skybridge.emulator.kube.KubeStore;
import io.skybridge.emulator.kube.ResourceType;
import io.skybridge.emulator.kube.VmSource;

import java.time.Duration;

/**
 * Scheduling throughput of the simulated control plane: N Ready nodes (half AWS, half GCP, 4 CPU / 16 GiB)
 * and M pods (100m CPU / 128 MiB; a third pinned to AWS by nodeSelector, a third to GCP by required node
 * affinity, a third free), created in-process while the control-plane loop runs. Prints pods/s from the
 * first pod creation to the last binding, and to the last pod Running.
 * Usage: {@code SchedulerBenchmark [nodes=2000] [pods=20000]}.
 */
public final class SchedulerBenchmark {
    private SchedulerBenchmark() {
    }

    public static void main(String[] args) throws InterruptedException {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int pods = args.length > 1 ? Integer.parseInt(args[1]) : 20000;
        KubeConfig cfg = KubeConfig.defaults().podStartDelay(Duration.ZERO).tick(Duration.ofMillis(10));
        KubeStore store = new KubeStore(System::currentTimeMillis);
        ControlPlane cp = new ControlPlane(store, VmSource.NONE, cfg);
        for (int i = 0; i < nodes; i++) {
            String cloud = i % 2 == 0 ? "aws" : "gcp";
            ObjectNode n = Json.object();
            ObjectNode m = n.putObject("metadata").put("name", cloud + "-node-" + i);
            m.putObject("labels").put("skybridge.io/cloud", cloud).put("topology.kubernetes.io/zone", cloud + "-zone-" + (i % 3))
                .put("kubernetes.io/hostname", cloud + "-node-" + i);
            n.putObject("spec");
            ObjectNode st = n.putObject("status");
            st.putObject("allocatable").put("cpu", "4").put("memory", "16Gi").put("pods", "110");
            st.putArray("conditions").addObject().put("type", "Ready").put("status", "True");
            store.create(ResourceType.NODES, null, n);
        }
        cp.start();
        long t0 = System.nanoTime();
        for (int i = 0; i < pods; i++) {
            ObjectNode p = Json.object();
            p.putObject("metadata").put("name", "bench-" + i).putObject("labels").put("app", "bench-" + (i % 50));
            ObjectNode spec = p.putObject("spec");
            ObjectNode c = spec.putArray("containers").addObject().put("name", "app").put("image", "nginx");
            c.putObject("resources").putObject("requests").put("cpu", "100m").put("memory", "128Mi");
            if (i % 3 == 0) {
                spec.putObject("nodeSelector").put("skybridge.io/cloud", "aws");
            } else if (i % 3 == 1) {
                spec.putObject("affinity").putObject("nodeAffinity").putObject("requiredDuringSchedulingIgnoredDuringExecution")
                    .putArray("nodeSelectorTerms").addObject().putArray("matchExpressions").addObject()
                    .put("key", "skybridge.io/cloud").put("operator", "In").putArray("values").add("gcp");
            }
            store.create(ResourceType.PODS, "default", p);
        }
        long created = System.nanoTime();
        long bound = 0;
        long running = 0;
        while (running == 0) {
            int unbound = 0;
            int notRunning = 0;
            for (ObjectNode p : store.list(ResourceType.PODS)) {
                if (p.path("spec").path("nodeName").asText("").isEmpty()) {
                    unbound++;
                }
                if (!"Running".equals(p.path("status").path("phase").asText())) {
                    notRunning++;
                }
            }
            long now = System.nanoTime();
            if (unbound == 0 && bound == 0) {
                bound = now;
            }
            if (notRunning == 0) {
                running = now;
            }
            if ((now - t0) > 600_000_000_000L) {
                System.out.println("gave up after 600 s: " + unbound + " unbound");
                break;
            }
            Thread.sleep(5);
        }
        cp.close();
        double createS = (created - t0) / 1e9;
        double boundS = (bound - t0) / 1e9;
        double runS = (running - t0) / 1e9;
        System.out.printf("nodes=%d pods=%d%n", nodes, pods);
        System.out.printf("pods created in-process in %.2f s (%.0f pods/s, the loop scheduling concurrently)%n", createS, pods / createS);
        System.out.printf("all pods bound after %.2f s: scheduling throughput %.0f pods/s%n", boundS, pods / boundS);
        System.out.printf("all pods Running after %.2f s: %.0f pods/s end to end%n", runS, pods / runS);
        System.out.printf("events recorded: %d, store resourceVersion: %d%n", store.count(ResourceType.EVENTS), store.resourceVersion());
    }
}
