package org.publicbudget.ledger.app.audit.exports;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.publicbudget.ledger.app.infrastructure.http.InvalidRequest;
import org.publicbudget.ledger.app.infrastructure.http.NotFound;
import org.publicbudget.ledger.app.infrastructure.http.RequestFields;
import org.publicbudget.ledger.app.reads.ListPages;
import org.publicbudget.ledger.app.reads.Moments;
import org.publicbudget.ledger.query.audit.ChangeReport;
import org.publicbudget.ledger.query.audit.DepartmentChanges;
import org.publicbudget.ledger.query.audit.Payments;
import org.publicbudget.ledger.query.history.Positions;
import org.publicbudget.ledger.query.totals.queries.DepartmentTotals;
import org.publicbudget.ledger.query.totals.queries.FigureTime;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Exports for auditors: the department's 项目支出绩效目标表 and self-evaluation as of
 * any moment and effective by any budget day (CSV or XLSX, each saying which in its
 * first rows and its name), and the changes between two moments. A moment is an ISO-8601 instant, or a
 * date meaning the end (or, for {@code from}, the start) of that day in the ledger's zone.
 */
@RestController
public class ExportController {

    static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final DepartmentReports reports;
    private final DepartmentChanges changes;
    private final Payments payments;
    private final Positions positions;
    private final Moments moments;

    public ExportController(DepartmentReports reports, DepartmentChanges changes, Payments payments, Positions positions, Moments moments) {
        this.reports = reports;
        this.changes = changes;
        this.payments = payments;
        this.positions = positions;
        this.moments = moments;
    }

    @GetMapping("/api/v1/departments/{departmentId}/export")
    public ResponseEntity<byte[]> export(@PathVariable String departmentId, @RequestParam(defaultValue = "csv") String format,
            @RequestParam(required = false) String asOf, @RequestParam(required = false) Long atPosition,
            @RequestParam(required = false) String effectiveOn) {
        if (!format.equals("csv") && !format.equals("xlsx")) {
            throw new InvalidRequest("format", "format must be csv or xlsx");
        }
        FigureTime when = moments.figures(asOf, atPosition, effectiveOn);
        DepartmentTable table = reports.table(departmentId, when).orElseThrow(() -> NotFound.of("department", departmentId));
        Citation citation = citation(table.department(), table.fiscalYear(), asOf, atPosition, when);
        return file(citation.fileName("项目支出绩效目标表", format),
                format.equals("csv") ? TableFiles.csv(table, citation) : TableFiles.xlsx(table, citation));
    }

    private Citation citation(String department, int fiscalYear, String asOf, Long atPosition, FigureTime when) {
        String recordedBy = asOf != null ? asOf : atPosition != null ? "第" + atPosition + "号事件" : null;
        return new Citation(department, fiscalYear, recordedBy, when.effectiveOn(), Instant.now(), moments.zone());
    }

    /** A download named for what it holds and the moment it shows (see {@link Citation}). */
    private static ResponseEntity<byte[]> file(String file, byte[] bytes) {
        String format = file.substring(file.lastIndexOf('.') + 1);
        return ResponseEntity.ok()
                .contentType(format.equals("csv") ? new MediaType("text", "csv", StandardCharsets.UTF_8) : XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file, StandardCharsets.UTF_8).build().toString())
                .body(bytes);
    }

    /**
     * The department's execution and results as a self-evaluation (绩效自评表), as of any
     * moment: JSON (the default, one line per indicator), CSV or XLSX.
     */
    @GetMapping("/api/v1/departments/{departmentId}/self-evaluation")
    public ResponseEntity<?> selfEvaluation(@PathVariable String departmentId, @RequestParam(defaultValue = "json") String format,
            @RequestParam(required = false) String asOf, @RequestParam(required = false) Long atPosition,
            @RequestParam(required = false) String effectiveOn) {
        jsonCsvOrXlsx(format);
        FigureTime when = moments.figures(asOf, atPosition, effectiveOn);
        SelfEvaluation table = reports.selfEvaluation(departmentId, when).orElseThrow(() -> NotFound.of("department", departmentId));
        if (format.equals("json")) {
            return ResponseEntity.ok(table);
        }
        Citation citation = citation(table.department(), table.fiscalYear(), asOf, atPosition, when);
        return file(citation.fileName("项目支出绩效自评表", format),
                format.equals("csv") ? SelfEvaluationFiles.csv(table, citation) : SelfEvaluationFiles.xlsx(table, citation));
    }

    /**
     * The department's payments (支出明细表) as recorded by a moment and paid by a budget
     * day: each with its project and unit, source, amount, date, voucher, payee, economic
     * class and reason, and its reversal if one was recorded by then — JSON, CSV or XLSX.
     */
    @GetMapping("/api/v1/departments/{departmentId}/payments")
    public ResponseEntity<?> payments(@PathVariable String departmentId, @RequestParam(defaultValue = "json") String format,
            @RequestParam(required = false) String asOf, @RequestParam(required = false) Long atPosition,
            @RequestParam(required = false) String effectiveOn) {
        jsonCsvOrXlsx(format);
        FigureTime when = moments.figures(asOf, atPosition, effectiveOn);
        DepartmentTotals department = reports.department(departmentId, when).orElseThrow(() -> NotFound.of("department", departmentId));
        List<Payments.Line> lines = payments.ofDepartment(departmentId, when.position(),
                when.effectiveOn() == null ? null : when.effectiveOn().toString());
        if (format.equals("json")) {
            return ResponseEntity.ok(lines);
        }
        Citation citation = citation(department.name(), department.fiscalYear(), asOf, atPosition, when);
        return file(citation.fileName("支出明细表", format),
                format.equals("csv") ? PaymentFiles.csv(lines, citation) : PaymentFiles.xlsx(lines, citation));
    }

    /**
     * What changed between two moments: the changes recorded after {@code from} up to
     * {@code to} (a date is the start, or the end, of that day in the ledger's zone), a page
     * at a time ({@code after}, {@code limit}; {@code nextAfter} continues); only the kinds
     * of change asked for ({@code kind}, repeated), of one project, by one actor,
     * without what imports did when {@code withoutImports} is true, and only what took
     * effect by {@code effectiveOn}.
     */
    @GetMapping("/api/v1/departments/{departmentId}/changes")
    public ChangeReport changes(@PathVariable String departmentId, @RequestParam String from, @RequestParam String to,
            @RequestParam(required = false) Long after, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) List<String> kind, @RequestParam(required = false) String projectId,
            @RequestParam(required = false) String actor, @RequestParam(defaultValue = "false") boolean withoutImports,
            @RequestParam(required = false) String effectiveOn) {
        Instant start = moments.startOf("from", from);
        Instant end = moments.parse("to", to);
        if (end.isBefore(start)) {
            throw new InvalidRequest("to", "to must not lie before from");
        }
        List<String> kinds = kind == null ? List.of() : kind;
        kinds.stream().filter(k -> !ChangeReport.Filter.known(k)).findFirst().ifPresent(k -> {
            throw new InvalidRequest("kind", "kind " + k + " is not a kind of change; use event types such as AllocationRevised, "
                    + "AllocationTransferred, ExpenditureRecorded");
        });
        return changes.between(departmentId, start, end, positions.of(start), positions.of(end), ListPages.trail(after, limit),
                new ChangeReport.Filter(kinds, blankToNull(projectId), blankToNull(actor), withoutImports,
                        effectiveOn == null ? null : RequestFields.date("effectiveOn", effectiveOn).toString()));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static void jsonCsvOrXlsx(String format) {
        if (!format.equals("json") && !format.equals("csv") && !format.equals("xlsx")) {
            throw new InvalidRequest("format", "format must be json, csv or xlsx");
        }
    }
}
