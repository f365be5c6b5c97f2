package org.publicbudget.ledger.app.api;

import java.time.Duration;
import org.publicbudget.ledger.query.totals.ProjectFromEvents;
import org.springframework.stereotype.Component;

/**
 * Reads of what belongs to one project (a payment, an indicator's reports) show the
 * project's newest version, as {@code GET /projects/{id}} does: the address a 201 gives
 * can be read at once, without {@code minPosition}. When the read models are held up
 * (a rebuild) the answer is 503 with Retry-After, never an older one.
 */
@Component
public class ProjectFreshness {

    private static final Duration WAIT = Duration.ofSeconds(1);

    private final ProjectFromEvents fromEvents;
    private final ReadModelProgress progress;

    public ProjectFreshness(ProjectFromEvents fromEvents, ReadModelProgress progress) {
        this.fromEvents = fromEvents;
        this.progress = progress;
    }

    /** Waits until the read models show the project's newest version; false when there is no such project. */
    public boolean awaitNewestVersion(String projectId) {
        long stored = fromEvents.storedVersion(projectId);
        if (stored >= 0 && !progress.awaitProject(projectId, stored, WAIT)) {
            throw new ReadModelBehind("the read models have not yet reached version " + stored + " of project " + projectId
                    + "; retry shortly");
        }
        return stored >= 0;
    }
}
