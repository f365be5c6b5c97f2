package org.publicbudget.ledger.domain.project.api;

/** What adding an indicator answers: the number it was given and the project's new version. */
public record IndicatorAccepted(String projectId, int no, long version) {
}
