package org.publicbudget.ledger.app.security;

/** The jobs people and systems do with the ledger. */
public final class Roles {

    /** Finance systems: send commands. */
    public static final String LEDGER_WRITER = "LEDGER_WRITER";
    /** Auditors: read figures and their trails. */
    public static final String AUDITOR = "AUDITOR";
    /** Operators: run and inspect the system. */
    public static final String OPERATOR = "OPERATOR";
    /** Systems that follow the ledger's events (GET /api/v1/events): a warehouse, a transparency portal. */
    public static final String FEED = "FEED";
    /** Monitoring systems (Prometheus): read the metrics and nothing else. */
    public static final String METRICS = "METRICS";

    private Roles() {
    }
}
