package org.publicbudget.ledger.app.infrastructure.http;

/**
 * A read asked to see the ledger at least at a position, and the read models did not
 * get there in time (a rebuild, a processor far behind): answered 503 with Retry-After
 * rather than with older figures.
 */
public class ReadModelBehind extends RuntimeException {

    private final String field;

    /** {@code field} names the parameter that asked for the position. */
    public ReadModelBehind(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
