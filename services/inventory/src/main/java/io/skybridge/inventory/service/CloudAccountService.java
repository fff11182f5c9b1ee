package io.skybridge.inventory.service;

import io.skybridge.contracts.inventory.CloudAccountRegistered;
import io.skybridge.contracts.inventory.CloudAccountRegistrationRequested;
import io.skybridge.inventory.domain.CloudAccount;
import io.skybridge.inventory.repository.CloudAccountRepository;
import io.skybridge.shared.messaging.EventPublisher;
import io.skybridge.shared.messaging.InboundMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;

/** Registers (or re-registers, replacing the region list of) a cloud account. */
@ApplicationScoped
public class CloudAccountService {

    @Inject
    CloudAccountRepository accounts;

    @Inject
    EventPublisher events;

    public Uni<Void> register(InboundMessage<CloudAccountRegistrationRequested> message) {
        CloudAccountRegistrationRequested r = message.payload();
        String id = r.aggregateId();
        return accounts.findById(id).chain(existing -> {
            CloudAccount account = existing != null ? existing : newAccount(id, r, message.metadata().principal());
            account.displayName = r.displayName();
            account.regions = String.join(",", r.regions());
            account.updatedAt = Instant.now();
            return existing != null ? Uni.createFrom().item(account) : accounts.persist(account);
        }).chain(account -> events.publish(new CloudAccountRegistered(account.id, account.cloud, account.accountId,
                account.displayName, List.of(account.regions.split(","))), message.metadata())).replaceWithVoid();
    }

    private static CloudAccount newAccount(String id, CloudAccountRegistrationRequested r, String principal) {
        CloudAccount account = new CloudAccount();
        account.id = id;
        account.cloud = r.cloud();
        account.accountId = r.accountId();
        account.registeredBy = principal;
        account.registeredAt = Instant.now();
        return account;
    }
}
