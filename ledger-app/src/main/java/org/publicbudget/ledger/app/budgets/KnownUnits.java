package org.publicbudget.ledger.app.budgets;

import org.publicbudget.ledger.app.reads.ReadModelProgress;
import org.publicbudget.ledger.query.history.EventReader;
import org.publicbudget.ledger.query.totals.queries.FigureTime;
import org.publicbudget.ledger.query.totals.queries.TotalsQueries;
import org.springframework.stereotype.Component;

/**
 * Whether the ledger knows a unit, for the writes that may only name a known one (a
 * unit's declared total): a typo must not create a unit. Units are known from the read
 * models; a unit registered or given its first project a moment ago may not be there
 * yet, so a miss waits for the read models to hold every event in the store and looks
 * again — a finance system that registers a unit and declares its total at once is not
 * told the unit does not exist. Read models that do not get there in time answer 503
 * with Retry-After (a batch naming the unit too): the ledger cannot tell yet.
 */
@Component
public class KnownUnits {

    private final TotalsQueries totals;
    private final EventReader events;
    private final ReadModelProgress progress;

    public KnownUnits(TotalsQueries totals, EventReader events, ReadModelProgress progress) {
        this.totals = totals;
        this.events = events;
        this.progress = progress;
    }

    public boolean known(String unitId) {
        if (totals.unit(unitId, FigureTime.now()).isPresent()) {
            return true;
        }
        long head = events.head();
        if (head == 0) {
            return false;
        }
        progress.awaitPosition(head);
        return totals.unit(unitId, FigureTime.now()).isPresent();
    }
}
