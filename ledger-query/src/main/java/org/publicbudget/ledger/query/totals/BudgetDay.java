package org.publicbudget.ledger.query.totals;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.publicbudget.ledger.domain.EventMetadata;
import org.publicbudget.ledger.domain.project.api.events.ExpenditureRecorded;
import org.publicbudget.ledger.domain.project.api.events.ExpenditureReversed;
import org.publicbudget.ledger.domain.project.api.events.ProjectCreated;
import org.publicbudget.ledger.query.readmodel.ProjectedEvent;

/**
 * Budget time: the day a change takes effect (生效日期), in the ledger's zone
 * (Asia/Shanghai unless configured), as opposed to the moment it was recorded.
 * <ul>
 * <li>a payment on the day it was paid, a reversal on the day it was reversed;</li>
 * <li>a change given an effective date, on that date;</li>
 * <li>a project's creation and a document's changes, from the first day of their
 * fiscal year (年初) — they are the budget as approved;</li>
 * <li>anything else on the day it was recorded.</li>
 * </ul>
 * The zone is part of the read model: changing it takes a rebuild.
 */
public record BudgetDay(ZoneId zone) {

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    public static BudgetDay standard() {
        return new BudgetDay(DEFAULT_ZONE);
    }

    LocalDate effectiveOn(ProjectedEvent event, long fiscalYear) {
        if (event.payload() instanceof ExpenditureRecorded paid) {
            return paid.paidOn();
        }
        if (event.payload() instanceof ExpenditureReversed reversed) {
            return reversed.reversedOn();
        }
        LocalDate given = given(event);
        if (given != null) {
            return given;
        }
        if (original(event) && fiscalYear > 0) {
            return LocalDate.of((int) fiscalYear, 1, 1);
        }
        return event.recordedAt().atZone(zone).toLocalDate();
    }

    /** Part of the original budget (年初预算): a creation, or a document's change that names no date of its own. */
    static boolean original(ProjectedEvent event) {
        return event.payload() instanceof ProjectCreated
                || event.metadata(EventMetadata.DOCUMENT) != null && given(event) == null;
    }

    private static LocalDate given(ProjectedEvent event) {
        String date = event.metadata(EventMetadata.EFFECTIVE_DATE);
        if (date == null || date.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
