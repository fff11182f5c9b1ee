package io.skybridge.shared.leader;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.Lock;

import java.util.function.BiConsumer;

/** A {@link Lock} that reports every successful round trip to the Kubernetes API (readiness) and the holder it saw. */
final class ObservedLock implements Lock {
    private final Lock delegate;
    /** (record seen or written, whether this replica wrote it) */
    private final BiConsumer<LeaderElectionRecord, Boolean> contact;

    ObservedLock(Lock delegate, BiConsumer<LeaderElectionRecord, Boolean> contact) {
        this.delegate = delegate;
        this.contact = contact;
    }

    @Override
    public LeaderElectionRecord get(KubernetesClient client) {
        LeaderElectionRecord record = delegate.get(client);
        contact.accept(record, false);
        return record;
    }

    @Override
    public void create(KubernetesClient client, LeaderElectionRecord record) {
        delegate.create(client, record);
        contact.accept(record, true);
    }

    @Override
    public void update(KubernetesClient client, LeaderElectionRecord record) {
        delegate.update(client, record);
        contact.accept(record, true);
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
