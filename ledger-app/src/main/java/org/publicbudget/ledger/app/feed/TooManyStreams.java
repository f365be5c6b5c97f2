package org.publicbudget.ledger.app.feed;

import org.publicbudget.ledger.app.infrastructure.http.RefusedRequest;
import org.springframework.http.HttpStatus;

/** A stream of the feed past the account's or the ledger's limit: 429, nothing opened. */
class TooManyStreams extends RefusedRequest {

    TooManyStreams(int perAccount) {
        super(HttpStatus.TOO_MANY_REQUESTS, "Too many streams", "stream", "this account already follows " + perAccount
                + " streams, or the ledger serves as many as it will; close one, or read pages with GET /api/v1/events");
    }
}
