package io.skybridge.provisioning.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.skybridge.provisioning.domain.NodePool;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class NodePoolRepository implements PanacheRepositoryBase<NodePool, String> {
}
