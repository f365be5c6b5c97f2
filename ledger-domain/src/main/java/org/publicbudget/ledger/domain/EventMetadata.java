package org.publicbudget.ledger.domain;

/**
 * The metadata every event carries beside its payload: who, why, from which request,
 * and, where given, from which document and when the change takes effect. Part of the
 * events' published format, like their fields.
 */
public final class EventMetadata {

    /** The signed-in account or token subject that sent the command. */
    public static final String ACTOR = "actor";
    public static final String REASON = "reason";
    public static final String REQUEST_ID = "requestId";
    public static final String CORRELATION_ID = "correlationId";
    /** The command that caused the event. */
    public static final String CAUSATION_ID = "causationId";
    /** Provenance of imported events: the document's name, its SHA-256 and the source lines of the row. */
    public static final String DOCUMENT = "document";
    public static final String DOCUMENT_SHA256 = "documentSha256";
    public static final String SOURCE_LINES = "sourceLines";
    /** 文号 and the date a change takes effect (ISO date), when the client gives them. */
    public static final String DOCUMENT_NUMBER = "documentNumber";
    public static final String EFFECTIVE_DATE = "effectiveDate";
    /** The batch (POST /api/v1/batches) the command came in, when it came in one. */
    public static final String BATCH_ID = "batchId";

    private EventMetadata() {
    }
}
