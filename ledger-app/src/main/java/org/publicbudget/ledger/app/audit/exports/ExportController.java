package org.publicbudget.ledger.app.audit.exports;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.publicbudget.ledger.app.infrastructure.http.InvalidRequest;
import org.publicbudget.ledger.app.infrastructure.http.NotFound;
import org.publicbudget.ledger.app.reads.ListPages;
import org.publicbudget.ledger.app.reads.Moments;
import org.publicbudget.ledger.query.audit.ChangeReport;
import org.publicbudget.ledger.query.audit.DepartmentChanges;
import org.publicbudget.ledger.query.history.Positions;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Exports for auditors: the department's 项目支出绩效目标表 as of any moment (CSV or
 * XLSX), and the changes between two moments. A moment is an ISO-8601 instant, or a
 * date meaning the end of that day (UTC).
 */
@RestController
public class ExportController {

    static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final DepartmentReports reports;
    private final DepartmentChanges changes;
    private final Positions positions;

    public ExportController(DepartmentReports reports, DepartmentChanges changes, Positions positions) {
        this.reports = reports;
        this.changes = changes;
        this.positions = positions;
    }

    @GetMapping("/api/v1/departments/{departmentId}/export")
    public ResponseEntity<byte[]> export(@PathVariable String departmentId, @RequestParam(defaultValue = "csv") String format,
            @RequestParam(required = false) String asOf, @RequestParam(required = false) Long atPosition) {
        if (!format.equals("csv") && !format.equals("xlsx")) {
            throw new InvalidRequest("format", "format must be csv or xlsx");
        }
        Long at = positions.of(Moments.pointInTime(asOf, atPosition));
        DepartmentTable table = reports.table(departmentId, at).orElseThrow(() -> NotFound.of("department", departmentId));
        return file("项目支出绩效目标表-" + table.fiscalYear(), format, asOf, format.equals("csv") ? TableFiles.csv(table) : TableFiles.xlsx(table));
    }

    /** A download named for what it holds and the moment it is as of. */
    private static ResponseEntity<byte[]> file(String name, String format, String asOf, byte[] bytes) {
        String file = name + (asOf == null ? "" : "-" + asOf.replace(':', '-')) + "." + format;
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
            @RequestParam(required = false) String asOf, @RequestParam(required = false) Long atPosition) {
        if (!format.equals("json") && !format.equals("csv") && !format.equals("xlsx")) {
            throw new InvalidRequest("format", "format must be json, csv or xlsx");
        }
        Long at = positions.of(Moments.pointInTime(asOf, atPosition));
        SelfEvaluation table = reports.selfEvaluation(departmentId, at).orElseThrow(() -> NotFound.of("department", departmentId));
        if (format.equals("json")) {
            return ResponseEntity.ok(table);
        }
        return file("项目支出绩效自评表-" + table.fiscalYear(), format, asOf,
                format.equals("csv") ? SelfEvaluationFiles.csv(table) : SelfEvaluationFiles.xlsx(table));
    }

    /**
     * What changed between two moments: the changes recorded after {@code from} up to
     * {@code to}, a page at a time ({@code after}, {@code limit}; {@code nextAfter} continues).
     */
    @GetMapping("/api/v1/departments/{departmentId}/changes")
    public ChangeReport changes(@PathVariable String departmentId, @RequestParam String from, @RequestParam String to,
            @RequestParam(required = false) Long after, @RequestParam(required = false) Integer limit) {
        Instant start = Moments.parse("from", from);
        Instant end = Moments.parse("to", to);
        if (end.isBefore(start)) {
            throw new InvalidRequest("to", "to must not lie before from");
        }
        return changes.between(departmentId, start, end, positions.of(start), positions.of(end), ListPages.trail(after, limit));
    }
}
