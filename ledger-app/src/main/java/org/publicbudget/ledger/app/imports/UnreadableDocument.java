package org.publicbudget.ledger.app.imports;

import org.publicbudget.ledger.app.infrastructure.http.UnprocessableRequest;

/** A PDF or workbook that cannot be read at all — damaged, encrypted, a scan — and so imports nothing. */
public class UnreadableDocument extends UnprocessableRequest {

    public UnreadableDocument(String documentName, String why) {
        super("Unreadable document", "document", documentName + ": " + why + "; nothing was imported");
    }
}
