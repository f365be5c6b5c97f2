package org.publicbudget.ledger.app.infrastructure.database;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Long jobs any node may carry out (read-model rebuilds, full verifications), one row
 * each in {@code table}: a node takes a job by its lease and renews it every two seconds
 * while it works; a node that stops renewing for {@value #LEASE_SECONDS} seconds is
 * presumed dead and another takes the job over. The table has the columns {@code id},
 * {@code owner}, {@code attempts} and {@code lease_until}.
 */
public final class LeasedJobs {

    public static final int LEASE_SECONDS = 15;

    private static final Logger log = LoggerFactory.getLogger(LeasedJobs.class);

    private final JdbcTemplate jdbc;
    private final String table;
    private final String active;

    /** {@code active} is the SQL condition of a job not yet finished. */
    public LeasedJobs(JdbcTemplate jdbc, String table, String active) {
        this.jdbc = jdbc;
        this.table = table;
        this.active = active;
    }

    /**
     * Takes the job over when nobody holds it, its holder's lease ran out, or the holder
     * is this node's previous life (same node id, no worker running now).
     */
    public boolean take(long id, String node) {
        return jdbc.update("UPDATE " + table + " SET owner = ?, attempts = attempts + 1, lease_until = LOCALTIMESTAMP + INTERVAL '"
                + LEASE_SECONDS + "' SECOND WHERE id = ? AND " + active + " AND (owner IS NULL OR owner = ? OR lease_until < LOCALTIMESTAMP)",
                node, id, node) == 1;
    }

    /** False when the lease went to another node meanwhile: the worker must stop. */
    public boolean renew(long id, String node) {
        return jdbc.update("UPDATE " + table + " SET lease_until = LOCALTIMESTAMP + INTERVAL '" + LEASE_SECONDS
                + "' SECOND WHERE id = ? AND owner = ? AND " + active, id, node) == 1;
    }

    /** Keeps the lease of job {@code id} while the work runs, doing {@code alsoOnRenewal} each time; close it when done. */
    public Held hold(long id, String node, Runnable alsoOnRenewal) {
        return new Held(id, node, alsoOnRenewal);
    }

    /** A lease being kept: {@link #failIfLost()} between steps stops the work once another node took the job. */
    public final class Held implements AutoCloseable {

        private final AtomicBoolean lost = new AtomicBoolean();
        private final ScheduledExecutorService keepAlive;

        private Held(long id, String node, Runnable alsoOnRenewal) {
            keepAlive = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, table + "-lease-" + id));
            keepAlive.scheduleWithFixedDelay(() -> {
                try {
                    if (!renew(id, node)) {
                        lost.set(true);
                        return;
                    }
                    alsoOnRenewal.run();
                } catch (RuntimeException e) {
                    log.warn("Could not renew the lease of {} {}: {}", table, id, e.getMessage());
                }
            }, 2, 2, TimeUnit.SECONDS);
        }

        public boolean lost() {
            return lost.get();
        }

        public void failIfLost() {
            if (lost.get()) {
                throw new LeaseLost();
            }
        }

        @Override
        public void close() {
            keepAlive.shutdownNow();
        }
    }

    /** The job went to another node while this one worked on it. */
    public static final class LeaseLost extends RuntimeException {

        public LeaseLost() {
            super("the job was taken over by another node");
        }
    }
}
