package org.publicbudget.ledger.app.infrastructure.replication;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * For a load balancer: {@code /actuator/health/writes} answers 200 on a node that can
 * take writes and 503 while its primary is away; readiness stays 200 on such a node,
 * which still serves reads from the standby, and shows {@code READ_ONLY} (see
 * application.properties).
 */
@Component("primaryHealthIndicator")
class PrimaryHealth implements HealthIndicator {

    static final Status READ_ONLY = new Status("READ_ONLY", "the primary database is away; reads only");

    private final DatabaseRoles roles;

    PrimaryHealth(DatabaseRoles roles) {
        this.roles = roles;
    }

    @Override
    public Health health() {
        Health.Builder health = roles.primaryWritable() ? Health.up() : Health.status(READ_ONLY).withDetail("since", roles.primaryAwaySince());
        if (roles.replicaConfigured()) {
            DatabaseRoles.Replica replica = roles.replica();
            health.withDetail("replicaReachable", replica.reachable()).withDetail("readsFromReplica", roles.readsFromReplica());
            if (replica.reachable()) {
                health.withDetail("replicaLagMillis", replica.lagMillis());
            }
        }
        return health.build();
    }
}
