package io.skybridge.emulator.kube;

import java.time.Duration;

/**
 * Runs the Kubernetes API alone (no VMs; nodes can be created through the API):
 * {@code java -cp skybridge-emulator.jar io.skybridge.emulator.kube.KubeMain [port]}.
 */
public final class KubeMain {
    private KubeMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 6443;
        KubeCluster c = KubeCluster.start(null, "127.0.0.1", port, VmSource.NONE, KubeConfig.defaults().podStartDelay(Duration.ofMillis(200)));
        System.out.println("Kubernetes API on " + c.url());
        Runtime.getRuntime().addShutdownHook(new Thread(c::close));
        Thread.currentThread().join();
    }
}
