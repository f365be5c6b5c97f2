package org.publicbudget.ledger.app.infrastructure.http;

/** Something the client named by id does not exist (or the read model has not seen it yet). */
public class NotFound extends RuntimeException {

    private final String field;

    private NotFound(String message, String field) {
        super(message);
        this.field = field;
    }

    public static NotFound of(String kind, String id) {
        return new NotFound("no " + kind + " with id " + id, null);
    }

    /** For an id given in a request body: {@code field} names where. */
    public static NotFound in(String field, String kind, String id) {
        return new NotFound("no " + kind + " with id " + id, field);
    }

    /** For something named rather than identified, such as a unit by its name. */
    public static NotFound named(String field, String message) {
        return new NotFound(message, field);
    }

    public String field() {
        return field;
    }
}
