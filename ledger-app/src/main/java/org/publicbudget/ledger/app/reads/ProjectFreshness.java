package org.publicbudget.ledger.app.reads;

import java.time.Duration;
import org.publicbudget.ledger.app.infrastructure.replication.DatabaseRoles;
import org.publicbudget.ledger.app.infrastructure.replication.ReadSource;
import org.publicbudget.ledger.query.totals.queries.ProjectFromEvents;
import org.springframework.stereotype.Component;

/**
 * Reads of what belongs to one project (its trails, payments, an indicator's reports)
 * show the project's newest version, as {@code GET /projects/{id}} does: the address a
 * 201 gives can be read at once, without {@code minPosition}. They wait for it at most a
 * second; when the read models are held up longer (a rebuild, a node far behind) they
 * answer what the read models hold, as every read without {@code minPosition} does — a
 * client that must not see less asks with {@code minPosition}.
 */
@Component
public class ProjectFreshness {

    private static final Duration WAIT = Duration.ofSeconds(1);

    private final ProjectFromEvents fromEvents;
    private final ReadModelProgress progress;
    private final DatabaseRoles roles;

    public ProjectFreshness(ProjectFromEvents fromEvents, ReadModelProgress progress, DatabaseRoles roles) {
        this.fromEvents = fromEvents;
        this.progress = progress;
        this.roles = roles;
    }

    /**
     * For a read of the present ({@code at} null): waits at most a second until the read
     * models show the project's newest version. False when there is no such project.
     */
    public boolean awaitNewestVersion(String projectId, Long at) {
        long stored = storedVersion(projectId);
        if (stored >= 0 && at == null) {
            awaitVersion(projectId, stored);
        }
        return stored >= 0;
    }

    /**
     * The newest version of the project in the store, -1 when there is none: from the
     * primary while it answers, as a read from the standby must show what was written
     * there (the standby may not have it yet).
     */
    long storedVersion(String projectId) {
        return ReadSource.onReplica() && roles.primaryWritable()
                ? ReadSource.fromPrimary(() -> fromEvents.storedVersion(projectId)) : fromEvents.storedVersion(projectId);
    }

    /** Waits at most a second until the read models show {@code version} of the project; false when they did not. */
    boolean awaitVersion(String projectId, long version) {
        return progress.awaitProject(projectId, version, WAIT);
    }
}
