package io.skybridge.failover.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The persisted, monotonic fencing epoch counter. */
@Entity
@Table(name = "fencing_epoch")
public class FencingEpoch extends PanacheEntityBase {
    public static final String GLOBAL = "global";

    @Id
    public String name;

    @Column(nullable = false)
    public long value;
}
