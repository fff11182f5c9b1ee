package io.skybridge.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Leader handover time through real processes: the local stack's infrastructure and two replicas of one service
 * ({@code skybridge up --only … --replicas 2}, ports shifted by 23000); then, {@code kills} times, SIGKILL of the
 * replica that leads and the time until the other one says it leads ({@code /q/health/ready}, check
 * {@code leader-election}); the killed replica is started again before the next kill. Prints every handover, p50
 * and max. Usage: {@code HandoverBenchmark [kills=10] [service=failover]} (run from {@code cli/}, after
 * {@code ./mvnw -B install -DskipTests}).
 */
public final class HandoverBenchmark {
    private final LocalStackRun stack = new LocalStackRun("bench-handover", 23000);
    private final String service;

    private HandoverBenchmark(String service) {
        this.service = service;
    }

    public static void main(String[] args) throws Exception {
        int kills = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        HandoverBenchmark bench = new HandoverBenchmark(args.length > 1 ? args[1] : "failover");
        try {
            bench.run(kills);
        } finally {
            bench.stack.down();
        }
    }

    private void run(int kills) throws Exception {
        stack.prepare();
        String both = "kafka,postgres,emulator," + service + "," + service + "-2";
        check(stack.run("up", "--only", both));
        List<Double> handovers = new ArrayList<>();
        for (int i = 1; i <= kills; i++) {
            String leader = awaitLeader(null, 60_000);
            String other = leader.equals(service) ? service + "-2" : service;
            long pid = stack.pid(leader);
            long start = System.nanoTime();
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            awaitLeader(other, 30_000);
            double seconds = (System.nanoTime() - start) / 1e9;
            handovers.add(seconds);
            System.out.printf("kill %2d: %-14s SIGKILL → %-14s leads in %.2f s%n", i, leader, other, seconds);
            ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
            check(stack.run("up", "--only", leader)); // back as a follower before the next kill
        }
        List<Double> sorted = new ArrayList<>(handovers);
        Collections.sort(sorted);
        System.out.printf("%s handover over %d SIGKILLs: p50 %.2f s, max %.2f s, min %.2f s (skybridge.leader.* defaults)%n",
                service, kills, sorted.get((sorted.size() - 1) / 2), sorted.get(sorted.size() - 1), sorted.get(0));
    }

    private static void check(LocalStackRun.Result r) {
        if (r.exit() != 0) {
            throw new IllegalStateException("skybridge failed: " + r.output());
        }
    }

    private String awaitLeader(String expected, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            Optional<String> leader = leader();
            if (leader.isPresent() && (expected == null || expected.equals(leader.get()))) {
                return leader.get();
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no " + (expected == null ? "leader" : expected) + " after " + timeoutMillis + " ms");
    }

    private Optional<String> leader() {
        return stack.leader(service);
    }
}
