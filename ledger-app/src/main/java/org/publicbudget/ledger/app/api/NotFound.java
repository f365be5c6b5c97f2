package org.publicbudget.ledger.app.api;

/** Something the client named by id does not exist (or the read model has not seen it yet). */
public class NotFound extends RuntimeException {

    private final String kind;

    private NotFound(String kind, String message) {
        super(message);
        this.kind = kind;
    }

    static NotFound of(String kind, String id) {
        return new NotFound(kind, "no " + kind + " with id " + id);
    }

    public String kind() {
        return kind;
    }
}
