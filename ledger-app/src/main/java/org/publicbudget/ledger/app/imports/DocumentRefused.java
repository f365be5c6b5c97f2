package org.publicbudget.ledger.app.imports;

import org.publicbudget.ledger.app.infrastructure.http.RefusedRequest;
import org.springframework.http.HttpStatus;

/** A document refused before it is read: not what its Content-Type says (415), or a workbook that unpacks too large (413). */
public class DocumentRefused extends RefusedRequest {

    private DocumentRefused(HttpStatus status, String title, String message) {
        super(status, title, "document", message);
    }

    static DocumentRefused notWhatItSays(String contentType, DocumentFormat actual) {
        return new DocumentRefused(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Not what its Content-Type says", "the body was sent as "
                + contentType + " but its bytes are " + actual.mediaType() + "; nothing was imported");
    }

    static DocumentRefused tooLarge(String documentName, String why) {
        return new DocumentRefused(HttpStatus.PAYLOAD_TOO_LARGE, "Document too large", documentName + ": " + why
                + "; nothing was imported");
    }
}
