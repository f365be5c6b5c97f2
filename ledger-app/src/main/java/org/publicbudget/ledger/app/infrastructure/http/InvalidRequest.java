package org.publicbudget.ledger.app.infrastructure.http;

/** A request the API refuses before it reaches the domain; {@code field} names the JSON field at fault. */
public class InvalidRequest extends RuntimeException {

    private final String field;

    public InvalidRequest(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
