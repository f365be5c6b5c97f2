package org.publicbudget.ledger.app.infrastructure.http;

import org.springframework.http.HttpStatus;

/** A well-formed request whose content the ledger cannot act on: 422 with its own title and the field at fault. */
public class UnprocessableRequest extends RefusedRequest {

    protected UnprocessableRequest(String title, String field, String message) {
        super(HttpStatus.UNPROCESSABLE_ENTITY, title, field, message);
    }
}
