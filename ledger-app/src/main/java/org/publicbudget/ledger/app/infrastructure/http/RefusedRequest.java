package org.publicbudget.ledger.app.infrastructure.http;

import org.springframework.http.HttpStatus;

/**
 * A request refused for what it carries, with the status, title and field at fault that
 * its capability chose (a document that is not a budget table: 422; a body that is not
 * what its Content-Type says: 415). Capabilities extend it so that the HTTP plumbing
 * needs to know none of them.
 */
public class RefusedRequest extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final String field;

    protected RefusedRequest(HttpStatus status, String title, String field, String message) {
        super(message);
        this.status = status;
        this.title = title;
        this.field = field;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String field() {
        return field;
    }
}
