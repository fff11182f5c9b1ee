package io.skybridge.emulator.kube.kubelet;

import io.skybridge.emulator.kube.JoinConfig;
import io.skybridge.emulator.kube.VmSource;

/** What the simulated kubelet of one VM knows: its node name, join line, and when it last posted status. */
final class Kubelet {
    String nodeName;
    VmSource.Vm vm;
    JoinConfig join;
    long firstRunning;
    boolean registered;
    long lastHeartbeat;
}
