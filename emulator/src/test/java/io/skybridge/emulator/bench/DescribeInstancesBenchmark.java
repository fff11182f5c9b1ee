package io.skybridge.emulator.bench;

import io.skybridge.emulator.Emulator;
import io.skybridge.emulator.EmulatorConfig;
import io.skybridge.emulator.TestClients;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Loads 10,000 instances through the real EC2 SDK and prints how long {@code DescribeInstances} of all
 * of them takes (one call, no pagination), plus the emulator's start time. Not a test: run it by hand
 * (see emulator/BENCHMARKS.md).
 *
 * <p>Arguments: [instances=10000] [runs=20] [warmup=5]
 */
public final class DescribeInstancesBenchmark {
    private DescribeInstancesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int instances = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        long t0 = System.nanoTime();
        try (Emulator emu = Emulator.start(EmulatorConfig.forTests())) {
            long startMs = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("emulator start: %d ms (Emulator.start, first in a fresh JVM; internal %d ms)%n", startMs, emu.startMillis());
            try (Ec2Client ec2 = TestClients.ec2(emu)) {
                String[] subnets = {"subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002", "subnet-0a1b2c3d4e5f60003"};
                long l0 = System.nanoTime();
                int launched = 0;
                for (int n = 0; launched < instances; n++) {
                    int count = Math.min(1000, instances - launched);
                    String subnet = subnets[n % subnets.length];
                    launched += ec2.runInstances(b -> b.imageId("ami-0abcdef1234567890").instanceType("t3.micro")
                        .subnetId(subnet).minCount(count).maxCount(count)).instances().size();
                }
                System.out.printf("loaded %d instances via RunInstances in %d ms%n", launched, (System.nanoTime() - l0) / 1_000_000);
                List<Long> samples = new ArrayList<>();
                int seen = 0;
                long bytes = 0;
                for (int i = 0; i < warmup + runs; i++) {
                    long s = System.nanoTime();
                    DescribeInstancesResponse r = ec2.describeInstances();
                    long micros = (System.nanoTime() - s) / 1000;
                    seen = r.reservations().stream().mapToInt(x -> x.instances().size()).sum();
                    if (i >= warmup) {
                        samples.add(micros);
                    }
                }
                if (seen != instances) {
                    throw new IllegalStateException("DescribeInstances returned " + seen + " instances, expected " + instances);
                }
                List<Long> pageSamples = new ArrayList<>();
                for (int i = 0; i < warmup + runs; i++) {
                    String token = null;
                    int total = 0;
                    do {
                        String t = token;
                        long s = System.nanoTime();
                        DescribeInstancesResponse page = ec2.describeInstances(b -> b.maxResults(1000).nextToken(t));
                        long micros = (System.nanoTime() - s) / 1000;
                        total += page.reservations().stream().mapToInt(x -> x.instances().size()).sum();
                        token = page.nextToken();
                        if (i >= warmup) {
                            pageSamples.add(micros);
                        }
                    } while (token != null);
                    if (total != instances) {
                        throw new IllegalStateException("pagination returned " + total + " instances");
                    }
                }
                Collections.sort(pageSamples);
                System.out.printf("DescribeInstances pages of MaxResults=1000 (real Ec2Client), %d pages:%n", pageSamples.size());
                System.out.printf("  p50 %.1f ms   p95 %.1f ms per page%n", pct(pageSamples, 50) / 1000.0, pct(pageSamples, 95) / 1000.0);
                List<Long> rawSamples = new ArrayList<>();
                java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
                long rawBytes = 0;
                for (int i = 0; i < warmup + runs; i++) {
                    long s = System.nanoTime();
                    java.net.http.HttpResponse<byte[]> r = http.send(java.net.http.HttpRequest.newBuilder(emu.awsEndpoint())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("Action=DescribeInstances&Version=2016-11-15")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
                    long micros = (System.nanoTime() - s) / 1000;
                    rawBytes = r.body().length;
                    if (i >= warmup) {
                        rawSamples.add(micros);
                    }
                }
                Collections.sort(rawSamples);
                System.out.printf("DescribeInstances (all %d instances) over plain HTTP, i.e. emulator + transfer of %.1f MB, %d runs after %d warm-up:%n",
                    instances, rawBytes / 1e6, runs, warmup);
                System.out.printf("  p50 %.1f ms   p95 %.1f ms   min %.1f ms   max %.1f ms%n",
                    pct(rawSamples, 50) / 1000.0, pct(rawSamples, 95) / 1000.0, rawSamples.get(0) / 1000.0, rawSamples.get(rawSamples.size() - 1) / 1000.0);
                Collections.sort(samples);
                System.out.printf("DescribeInstances (all %d instances, real Ec2Client + UrlConnectionHttpClient), %d runs after %d warm-up:%n",
                    seen, runs, warmup);
                System.out.printf("  p50 %.1f ms   p95 %.1f ms   min %.1f ms   max %.1f ms%n",
                    pct(samples, 50) / 1000.0, pct(samples, 95) / 1000.0, samples.get(0) / 1000.0, samples.get(samples.size() - 1) / 1000.0);
            }
        }
    }

    private static long pct(List<Long> sorted, int p) {
        int idx = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, idx)));
    }
}
