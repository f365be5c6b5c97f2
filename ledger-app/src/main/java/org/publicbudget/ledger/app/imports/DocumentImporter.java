package org.publicbudget.ledger.app.imports;

import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.publicbudget.ledger.app.infrastructure.axon.LedgerPosition;
import org.publicbudget.ledger.app.infrastructure.http.CommandMetadata;
import org.publicbudget.ledger.domain.Sha256;
import org.publicbudget.ledger.domain.Texts;
import org.publicbudget.ledger.domain.budget.api.DeclaredTotalsOutcome;
import org.publicbudget.ledger.domain.budget.api.DocumentFinding;
import org.publicbudget.ledger.domain.budget.api.ImportChanges;
import org.publicbudget.ledger.domain.budget.api.RecordDeclaredTotals;
import org.publicbudget.ledger.domain.budget.api.RecordImport;
import org.publicbudget.ledger.domain.indicator.TargetReading;
import org.publicbudget.ledger.domain.money.Amounts;
import org.publicbudget.ledger.domain.organisation.OrganisationIds;
import org.publicbudget.ledger.domain.project.api.ImportOutcome;
import org.publicbudget.ledger.domain.project.api.Indicator;
import org.publicbudget.ledger.domain.project.api.commands.ImportProject;
import org.publicbudget.ledger.domain.project.api.commands.WithdrawProject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a budget document into ledger commands. The whole import is one database
 * transaction: it lands completely or not at all, and a dry run is the same import
 * rolled back, so its report is exactly what a real run would do. Each command
 * carries the document's name, its SHA-256 and the lines it came from.
 */
@Service
public class DocumentImporter {

    private static final Logger log = LoggerFactory.getLogger(DocumentImporter.class);

    private final CommandGateway commands;
    private final TransactionTemplate transaction;
    private final LedgerPosition position;
    private final MeterRegistry meters;

    /**
     * The request's transaction, one connection: an import with an Idempotency-Key runs
     * in the transaction that also records its answer. A dry run rolls back the whole
     * request — its events, and the record of its key: a dry run changes nothing, so it
     * is not remembered either.
     */
    public DocumentImporter(CommandGateway commands, PlatformTransactionManager transactions, LedgerPosition position,
            MeterRegistry meters) {
        this.meters = meters;
        // every kind from the start, at zero: a rate over a counter that does not exist yet is no rate at all
        for (Finding.Kind kind : Finding.Kind.values()) {
            meters.counter("ledger.import.findings", "kind", kind.name());
        }
        this.commands = commands;
        this.position = position;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** The document as received, in its format, and who asks for the import, for the events' metadata. */
    public record Request(byte[] content, DocumentFormat format, String documentName, int fiscalYear, boolean dryRun, boolean detail,
            String actor, String requestId) {
    }

    public ImportReport importDocument(Request request) {
        String documentName = Texts.required("documentName", request.documentName());
        ReadDocument source = DocumentReader.read(request.content(), request.format(), documentName);
        Extracted.Document read = DocumentReview.review(source.table());
        Extracted.Document document = new Extracted.Document(read.budgetTable(), read.department(), read.declaredTotal(),
                read.declaredTotalLine(), read.units(), read.findings().stream().map(f -> f.quoting(source)).toList());
        if (!document.budgetTable() || document.department() == null || document.units().isEmpty()) {
            meters.counter("ledger.imports", "outcome", "not_a_budget_table").increment();
            throw new NotABudgetTable(documentName);
        }
        String sha256 = Sha256.hex(request.content());
        String department = Texts.required("department", document.department());
        String departmentId = OrganisationIds.departmentId(department, request.fiscalYear());
        Map<Extracted.Project, String> ids = projectIds(departmentId, document);
        Tally tally = transaction.execute(status -> {
            Tally t = load(request, documentName, sha256, department, departmentId, document, source, ids);
            if (request.dryRun()) {
                status.setRollbackOnly();
            }
            return t;
        });
        meters.counter("ledger.imports", "outcome", request.dryRun() ? "dry_run" : "imported").increment();
        log.info("{} {} ({}) for {} {}: {} events, {} findings", request.dryRun() ? "Dry run of" : "Imported", documentName, sha256,
                department, request.fiscalYear(), tally.events, document.findings().size());
        if (!request.dryRun()) {
            document.findings().forEach(finding -> meters.counter("ledger.import.findings", "kind", finding.kind().name()).increment());
        }
        return report(request, documentName, sha256, departmentId, document, source, ids, tally,
                request.dryRun() ? null : position.reached());
    }

    /** Counts of what the commands changed. */
    private static final class Tally {
        int created;
        int withdrawn;
        int allocations;
        int goals;
        int added;
        int revised;
        int removed;
        int totals;
        int events;

        ImportChanges changes() {
            return new ImportChanges(created, withdrawn, allocations, goals, added, revised, removed, totals, events);
        }
    }

    private static BigDecimal computedTotal(Extracted.Document document) {
        BigDecimal computed = BigDecimal.ZERO;
        for (Extracted.Unit unit : document.units()) {
            for (Extracted.Project project : unit.projects()) {
                computed = computed.add(project.total());
            }
        }
        return Amounts.canonical(computed);
    }

    private static List<DocumentFinding> findings(Extracted.Document document) {
        return document.findings().stream().map(f -> new DocumentFinding(f.kind().name(), f.line(), f.message(), f.source())).toList();
    }

    private Tally load(Request request, String documentName, String sha256, String department, String departmentId,
            Extracted.Document document, ReadDocument source, Map<Extracted.Project, String> ids) {
        Tally tally = new Tally();
        String reason = "imported from " + documentName;
        Map<String, BigDecimal> unitTotals = new LinkedHashMap<>();
        for (Extracted.Unit unit : document.units()) {
            if (unit.declaredTotal() != null) {
                unitTotals.put(unit.name(), unit.declaredTotal());
            }
        }
        DeclaredTotalsOutcome declared = commands.sendAndWait(new RecordDeclaredTotals(departmentId, department,
                        request.fiscalYear(), document.declaredTotal(), unitTotals, new LinkedHashSet<>(ids.values()), reason),
                metadata(request, reason, documentName, sha256, source.sourceLines(document.declaredTotalLine(), lastLine(document))));
        tally.totals = declared.totalsRecorded();
        tally.events += declared.events();
        for (Extracted.Unit unit : document.units()) {
            for (Extracted.Project project : unit.projects()) {
                List<Indicator> indicators = new ArrayList<>();
                for (Extracted.Indicator i : project.indicators()) {
                    indicators.add(new Indicator(i.no(), i.level1(), i.level2(), i.name(), i.periodTarget(), i.annualTarget()));
                }
                ImportOutcome outcome = commands.sendAndWait(new ImportProject(ids.get(project), department, request.fiscalYear(),
                                unit.name(), project.name(), project.goal(), project.allocations(), indicators, reason),
                        metadata(request, reason, documentName, sha256, source.sourceLines(project.firstLine(), project.lastLine())));
                tally.created += outcome.created() ? 1 : 0;
                tally.allocations += outcome.allocationsRevised();
                tally.goals += outcome.goalRevised() ? 1 : 0;
                tally.added += outcome.indicatorsAdded();
                tally.revised += outcome.indicatorsRevised();
                tally.removed += outcome.indicatorsRemoved();
                tally.events += outcome.events();
            }
        }
        String withdrawal = "not listed in " + documentName;
        for (String gone : declared.noLongerListed()) {
            commands.sendAndWait(new WithdrawProject(gone, withdrawal, null),
                    metadata(request, withdrawal, documentName, sha256, source.sourceLines(1, lastLine(document))));
            tally.withdrawn++;
            tally.events++;
        }
        boolean recorded = commands.sendAndWait(new RecordImport(departmentId, department, request.fiscalYear(), documentName, sha256,
                        document.declaredTotal(), computedTotal(document), tally.changes(), findings(document), reason),
                metadata(request, reason, documentName, sha256, source.sourceLines(1, lastLine(document))));
        tally.events += recorded ? 1 : 0;
        return tally;
    }

    /**
     * A project's identity is stable across imports of the same or a revised document:
     * its department, unit and name, and — for projects of the same name in one unit —
     * its place among them.
     */
    private static Map<Extracted.Project, String> projectIds(String departmentId, Extracted.Document document) {
        Map<Extracted.Project, String> ids = new LinkedHashMap<>();
        for (Extracted.Unit unit : document.units()) {
            Map<String, Integer> seen = new HashMap<>();
            for (Extracted.Project project : unit.projects()) {
                int ordinal = seen.merge(project.name(), 1, Integer::sum);
                String key = "project|" + departmentId + "|" + unit.name() + "|" + project.name() + "|" + ordinal;
                ids.put(project, UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString());
            }
        }
        return ids;
    }

    private static MetaData metadata(Request request, String reason, String documentName, String sha256, String lines) {
        Map<String, Object> values = new HashMap<>();
        values.put(CommandMetadata.ACTOR, request.actor());
        values.put(CommandMetadata.REASON, reason);
        values.put(CommandMetadata.REQUEST_ID, request.requestId());
        values.put(CommandMetadata.CORRELATION_ID, request.requestId());
        values.put(CommandMetadata.DOCUMENT, documentName);
        values.put(CommandMetadata.DOCUMENT_SHA256, sha256);
        values.put(CommandMetadata.SOURCE_LINES, lines);
        return MetaData.from(values);
    }

    private static int lastLine(Extracted.Document document) {
        int last = document.declaredTotalLine();
        for (Extracted.Unit unit : document.units()) {
            for (Extracted.Project project : unit.projects()) {
                last = Math.max(last, project.lastLine());
            }
        }
        return last;
    }

    private static ImportReport report(Request request, String documentName, String sha256, String departmentId,
            Extracted.Document document, ReadDocument source, Map<Extracted.Project, String> ids, Tally tally, Long reached) {
        List<ImportReport.UnitLine> units = new ArrayList<>();
        List<ImportReport.ExtractedUnit> extractedUnits = new ArrayList<>();
        int projects = 0;
        int indicators = 0;
        for (Extracted.Unit unit : document.units()) {
            BigDecimal unitComputed = BigDecimal.ZERO;
            List<ImportReport.ExtractedProject> extractedProjects = new ArrayList<>();
            for (Extracted.Project project : unit.projects()) {
                unitComputed = unitComputed.add(project.total());
                indicators += project.indicators().size();
                extractedProjects.add(extracted(ids.get(project), project, source));
            }
            projects += unit.projects().size();
            BigDecimal variance = unit.declaredTotal() == null ? null : Amounts.canonical(unitComputed.subtract(unit.declaredTotal()));
            units.add(new ImportReport.UnitLine(unit.name(), unit.declaredTotal(), Amounts.canonical(unitComputed), variance,
                    unit.projects().size()));
            extractedUnits.add(new ImportReport.ExtractedUnit(unit.name(), unit.declaredTotal(), unit.line(), source.locator(unit.line()),
                    extractedProjects));
        }
        return new ImportReport(new ImportReport.Document(documentName, sha256), document.department(), departmentId,
                request.fiscalYear(), document.declaredTotal(), computedTotal(document), units, projects, indicators,
                document.findings(),
                tally.changes(),
                tally.events, request.dryRun(), reached, request.detail() ? new ImportReport.ExtractedTable(extractedUnits) : null);
    }

    private static ImportReport.ExtractedProject extracted(String projectId, Extracted.Project project, ReadDocument source) {
        List<ImportReport.ExtractedIndicator> indicators = new ArrayList<>();
        for (Extracted.Indicator i : project.indicators()) {
            TargetReading reading = TargetReading.read(i.annualTarget()).orElse(null);
            ImportReport.Target target = reading == null ? null : new ImportReport.Target(
                    reading.comparator() == null ? null : reading.comparator().symbol(), reading.value(), reading.unit(),
                    reading.qualitative());
            indicators.add(new ImportReport.ExtractedIndicator(i.no(), i.level1(), i.level2(), i.name(), i.periodTarget(),
                    i.annualTarget(), target, i.line(), source.locator(i.line())));
        }
        return new ImportReport.ExtractedProject(projectId, project.name(), project.allocations(), Amounts.canonical(project.total()),
                project.goal(), indicators, project.firstLine() + "–" + project.lastLine(),
                source.locator(project.firstLine(), project.lastLine()));
    }
}
