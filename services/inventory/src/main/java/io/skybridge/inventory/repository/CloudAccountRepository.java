package io.skybridge.inventory.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.skybridge.inventory.domain.CloudAccount;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class CloudAccountRepository implements PanacheRepositoryBase<CloudAccount, String> {
}
