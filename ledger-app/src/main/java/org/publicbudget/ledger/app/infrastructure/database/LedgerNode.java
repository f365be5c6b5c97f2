package org.publicbudget.ledger.app.infrastructure.database;

/**
 * This process among the nodes sharing one database ({@code ledger.node-id}, by
 * default the process and host). Segment claims and rebuild leases carry it.
 */
public record LedgerNode(String id) {
}
