package org.publicbudget.ledger.app.operations;

import org.publicbudget.ledger.query.history.EventReader;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Part of readiness ({@code /actuator/health/readiness}): a node is ready only once the
 * bundled seed is in (its import runs before the application counts as started) and the
 * read models hold every event the store held at that moment — so a load balancer sends
 * no auditor to a node that would show an empty or half-built ledger. Once ready, it
 * stays ready; lag later on is the processors' to report.
 */
@Component("readModelsHealthIndicator")
public class ReadModelsReady implements HealthIndicator, ApplicationListener<ApplicationReadyEvent> {

    private final JdbcTemplate jdbc;
    private final EventReader events;
    private volatile Long startupHead;
    private volatile boolean ready;

    public ReadModelsReady(JdbcTemplate jdbc, EventReader events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        startupHead = events.head();
    }

    @Override
    public Health health() {
        if (ready) {
            return Health.up().build();
        }
        Long head = startupHead;
        if (head == null) {
            return Health.outOfService().withDetail("reason", "starting").build();
        }
        if (head > 0 && jdbc.queryForList("SELECT position FROM ledger_journal WHERE position = ?", Long.class, head).isEmpty()) {
            return Health.outOfService().withDetail("reason", "read models catching up").withDetail("position", head).build();
        }
        long stored = jdbc.queryForObject("SELECT COUNT(*) FROM domainevententry WHERE globalIndex <= ?", Long.class, head);
        long projected = jdbc.queryForObject("SELECT COUNT(*) FROM ledger_journal WHERE position <= ?", Long.class, head);
        if (projected < stored) {
            return Health.outOfService().withDetail("reason", "read models catching up").withDetail("events", stored)
                    .withDetail("projected", projected).build();
        }
        ready = true;
        return Health.up().build();
    }
}
