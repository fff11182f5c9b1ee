package io.skybridge.cli;

/** The local stack's ports: the documented defaults, all shifted by one offset (to run two stacks side by side). */
public record Ports(int offset) {
    public int kafka() {
        return 9092 + offset;
    }

    public int kafkaController() {
        return 9093 + offset;
    }

    public int postgres() {
        return 5433 + offset;
    }

    public int emulatorAws() {
        return 4566 + offset;
    }

    public int emulatorGcp() {
        return 4567 + offset;
    }

    public int emulatorControl() {
        return 4570 + offset;
    }

    public int kube() {
        return 6443 + offset;
    }

    public int inventory() {
        return 8081 + offset;
    }

    public int networking() {
        return 8082 + offset;
    }

    public int provisioning() {
        return 8083 + offset;
    }

    public int failover() {
        return 8084 + offset;
    }

    public int service(String name) {
        return switch (name) {
            case "inventory" -> inventory();
            case "networking" -> networking();
            case "provisioning" -> provisioning();
            case "failover" -> failover();
            default -> throw new IllegalArgumentException("no service " + name);
        };
    }
}
