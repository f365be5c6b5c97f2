package org.publicbudget.ledger.app.api;

/**
 * A read asked to see the ledger at least at a position, and the read models did not
 * get there in time (a rebuild, a processor far behind): answered 503 with Retry-After
 * rather than with older figures.
 */
public class ReadModelBehind extends RuntimeException {

    public ReadModelBehind(String message) {
        super(message);
    }
}
