package org.publicbudget.ledger.query.totals;

import static org.publicbudget.ledger.query.totals.TotalsTables.DEPARTMENT;
import static org.publicbudget.ledger.query.totals.TotalsTables.JOURNAL;
import static org.publicbudget.ledger.query.totals.TotalsTables.POSITION;
import static org.publicbudget.ledger.query.totals.TotalsTables.PROJECT;

import org.publicbudget.ledger.domain.EventMetadata;
import org.publicbudget.ledger.domain.organisation.DepartmentScoped;
import org.publicbudget.ledger.domain.project.api.events.ProjectEvent;
import org.publicbudget.ledger.query.readmodel.ProjectedEvent;
import org.publicbudget.ledger.query.readmodel.Row;
import org.publicbudget.ledger.query.readmodel.Rows;

/** The journal's row of an event: what happened, to what, who did it, why and from which document. */
final class Journal {

    private Journal() {
    }

    static Row entry(ProjectedEvent event) {
        Row row = JOURNAL.newRow()
                .set(POSITION, event.position())
                .set("event_id", event.eventId())
                .set("event_type", event.type())
                .set("aggregate_id", event.aggregateId())
                .set("sequence_number", event.sequence())
                .set("recorded_at", event.recordedAt())
                .set("effective_date", event.metadata(EventMetadata.EFFECTIVE_DATE))
                .set("actor", event.metadata(EventMetadata.ACTOR))
                .set("reason", event.metadata(EventMetadata.REASON))
                .set("correlation_id", event.metadata(EventMetadata.CORRELATION_ID))
                .set("request_id", event.metadata(EventMetadata.REQUEST_ID))
                .set("document", event.metadata(EventMetadata.DOCUMENT))
                .set("source_lines", event.metadata(EventMetadata.SOURCE_LINES))
                .set("document_number", event.metadata(EventMetadata.DOCUMENT_NUMBER))
                .set("batch_id", event.metadata(EventMetadata.BATCH_ID));
        if (event.payload() instanceof DepartmentScoped scoped) {
            row.set("department_id", scoped.departmentId()).set("unit_id", scoped.unitId());
        }
        if (event.payload() instanceof ProjectEvent project) {
            row.set("project_id", project.projectId());
        }
        return row;
    }

    /** The fiscal year of the budget an event belongs to; 0 when the ledger does not know it. */
    static long fiscalYear(ProjectedEvent event, Rows rows) {
        if (event.payload() instanceof DepartmentScoped scoped) {
            return rows.find(DEPARTMENT, scoped.departmentId()).map(d -> d.number("fiscal_year")).orElse(0L);
        }
        if (event.payload() instanceof ProjectEvent project) {
            return rows.find(PROJECT, project.projectId()).flatMap(p -> rows.find(DEPARTMENT, p.text("department_id")))
                    .map(d -> d.number("fiscal_year")).orElse(0L);
        }
        return 0L;
    }
}
