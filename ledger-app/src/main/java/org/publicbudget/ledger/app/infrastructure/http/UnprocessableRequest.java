package org.publicbudget.ledger.app.infrastructure.http;

/**
 * A well-formed request whose content the ledger cannot act on (a document that is not
 * a budget table, say): 422 with its own title and the field at fault. Capabilities
 * extend it so that the HTTP plumbing needs to know none of them.
 */
public class UnprocessableRequest extends RuntimeException {

    private final String title;
    private final String field;

    protected UnprocessableRequest(String title, String field, String message) {
        super(message);
        this.title = title;
        this.field = field;
    }

    public String title() {
        return title;
    }

    public String field() {
        return field;
    }
}
