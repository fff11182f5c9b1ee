package io.skybridge.shared.leader;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.Lock;

import java.util.function.Consumer;

/** A {@link Lock} that reports every successful round trip to the Kubernetes API (readiness) and the holder it saw. */
final class ObservedLock implements Lock {
    private final Lock delegate;
    private final Consumer<LeaderElectionRecord> contact;

    ObservedLock(Lock delegate, Consumer<LeaderElectionRecord> contact) {
        this.delegate = delegate;
        this.contact = contact;
    }

    @Override
    public LeaderElectionRecord get(KubernetesClient client) {
        LeaderElectionRecord record = delegate.get(client);
        contact.accept(record);
        return record;
    }

    @Override
    public void create(KubernetesClient client, LeaderElectionRecord record) {
        delegate.create(client, record);
        contact.accept(record);
    }

    @Override
    public void update(KubernetesClient client, LeaderElectionRecord record) {
        delegate.update(client, record);
        contact.accept(record);
    }

    @Override
    public String identity() {
        return delegate.identity();
    }

    @Override
    public String describe() {
        return delegate.describe();
    }
}
