package org.publicbudget.ledger.app.projects.results;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.publicbudget.ledger.app.infrastructure.axon.LedgerPosition;
import org.publicbudget.ledger.app.infrastructure.http.CommandMetadata;
import org.publicbudget.ledger.app.infrastructure.http.NotFound;
import org.publicbudget.ledger.app.projects.Commands;
import org.publicbudget.ledger.app.projects.ResultRequest;
import org.publicbudget.ledger.app.reads.Moments;
import org.publicbudget.ledger.app.reads.ProjectFreshness;
import org.publicbudget.ledger.domain.indicator.ResultPeriod;
import org.publicbudget.ledger.domain.project.api.IndicatorAccepted;
import org.publicbudget.ledger.domain.project.api.commands.ReportIndicatorResult;
import org.publicbudget.ledger.query.audit.AuditTrail;
import org.publicbudget.ledger.query.audit.ResultReports;
import org.publicbudget.ledger.query.audit.TrailPage;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Indicator results (绩效运行监控 at mid-year, 绩效自评 at year end): reported as written,
 * revised by a later report, every report kept. The project's read shows the latest
 * per period judged against the annual target; this resource lists every report.
 */
@RestController
@RequestMapping("/api/v1/projects/{projectId}/indicators/{no}/results")
public class ResultController {

    private final CommandGateway commands;
    private final LedgerPosition position;
    private final ResultReports reports;
    private final AuditTrail trails;
    private final Moments moments;
    private final ProjectFreshness freshness;

    public ResultController(CommandGateway commands, LedgerPosition position, ResultReports reports, AuditTrail trails, Moments moments,
            ProjectFreshness freshness) {
        this.commands = commands;
        this.position = position;
        this.reports = reports;
        this.trails = trails;
        this.moments = moments;
        this.freshness = freshness;
    }

    /** What reporting a result answers. */
    public record ResultChange(String projectId, int no, ResultPeriod period, long version, long position) {
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping
    public ResponseEntity<ResultChange> report(@PathVariable String projectId, @PathVariable int no, @RequestBody ResultRequest body,
            Authentication user, HttpServletRequest request) {
        ReportIndicatorResult command = Commands.reportResult(projectId, no, body);
        IndicatorAccepted accepted = commands.sendAndWait(command, CommandMetadata.of(user, request, command.reason()));
        return ResponseEntity.created(URI.create("/api/v1/projects/" + projectId + "/indicators/" + no + "/results"))
                .eTag(Long.toString(accepted.version()))
                .body(new ResultChange(projectId, no, command.period(), accepted.version(), position.reached()));
    }

    /** Every report of the indicator's results up to the moment asked for (now by default, with the newest report), oldest first. */
    @GetMapping
    public List<ResultReports.Report> reports(@PathVariable String projectId, @PathVariable int no,
            @RequestParam(required = false) String asOf, @RequestParam(required = false) Long atPosition) {
        Long at = moments.position(asOf, atPosition);
        freshness.awaitNewestVersion(projectId, at);
        // an indicator the project never had is not found, one without reports has none
        trails.ofIndicator(projectId, no, at, new TrailPage(0, 1)).orElseThrow(() -> NotFound.of("indicator", projectId + "/" + no));
        return reports.of(projectId, no, at);
    }
}
