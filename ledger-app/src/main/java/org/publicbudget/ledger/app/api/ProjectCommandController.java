package org.publicbudget.ledger.app.api;

import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.net.URI;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.publicbudget.ledger.domain.Texts;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.domain.organisation.OrganisationIds;
import org.publicbudget.ledger.domain.project.api.AddIndicator;
import org.publicbudget.ledger.domain.project.api.CreateProject;
import org.publicbudget.ledger.domain.project.api.IndicatorAccepted;
import org.publicbudget.ledger.domain.project.api.ProjectBalance;
import org.publicbudget.ledger.domain.project.api.RemoveIndicator;
import org.publicbudget.ledger.domain.project.api.ReviseAllocation;
import org.publicbudget.ledger.domain.project.api.ReviseGoal;
import org.publicbudget.ledger.domain.project.api.ReviseIndicator;
import org.publicbudget.ledger.domain.project.api.WithdrawProject;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Commands on projects. Each answer is given only after the events are committed
 * to the event store, and it is built from the command's result, not from a read
 * model that may not have caught up yet. Every answer carries the project's new
 * version as its ETag; a client that sends it back as {@code If-Match} (or as
 * {@code expectedVersion}) gets 409 instead of overwriting a change it has not seen.
 */
@RestController
@RequestMapping("/api/v1/projects")
public class ProjectCommandController {

    private final CommandGateway commands;
    private final LedgerPosition position;

    public ProjectCommandController(CommandGateway commands, LedgerPosition position) {
        this.commands = commands;
        this.position = position;
    }

    /** What adding or revising an indicator answers. */
    public record IndicatorChange(String projectId, int no, long version, long position) {
    }

    @PostMapping
    public ResponseEntity<Map<String, Object>> create(@RequestBody CreateProjectRequest body, Authentication user,
            HttpServletRequest request) {
        String department = RequestFields.required("department", body.department());
        int fiscalYear = RequestFields.fiscalYear(body.fiscalYear());
        String unit = RequestFields.required("unit", body.unit());
        String name = RequestFields.required("name", body.name());
        String goal = RequestFields.bounded("goal", body.goal());
        Map<FundingSource, BigDecimal> allocations = new EnumMap<>(FundingSource.class);
        if (body.allocations() != null) {
            body.allocations().forEach((source, amount) ->
                    allocations.put(source, RequestFields.amount("allocations." + source.name(), amount)));
        }
        String reason = RequestFields.reasonOr("project created", body.reason());
        String projectId = UUID.randomUUID().toString();
        commands.sendAndWait(new CreateProject(projectId, department, fiscalYear, unit, name, goal, allocations),
                CommandMetadata.of(user, request, reason, body.documentNumber(), body.effectiveDate()));

        String departmentId = OrganisationIds.departmentId(Texts.required("department", department), fiscalYear);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("projectId", projectId);
        answer.put("departmentId", departmentId);
        answer.put("unitId", OrganisationIds.unitId(departmentId, Texts.required("unit", unit)));
        answer.put("version", 0L);
        answer.put("position", position.reached());
        return ResponseEntity.created(URI.create("/api/v1/projects/" + projectId)).eTag("0").body(answer);
    }

    @PostMapping("/{projectId}/allocation-revisions")
    public ResponseEntity<ProjectChange> reviseAllocation(@PathVariable String projectId, @RequestBody AllocationRevisionRequest body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch, Authentication user, HttpServletRequest request) {
        if (body.fundingSource() == null) {
            throw new InvalidRequest("fundingSource", "fundingSource is required: one of FISCAL_APPROPRIATION, SPECIAL_ACCOUNT, OTHER");
        }
        BigDecimal amount = RequestFields.amount("amount", body.amount());
        String reason = RequestFields.required("reason", body.reason());
        Long expected = RequestFields.expectedVersion(ifMatch, body.expectedVersion());
        return answer(commands.sendAndWait(new ReviseAllocation(projectId, body.fundingSource(), amount, reason, expected),
                CommandMetadata.of(user, request, reason, body.documentNumber(), body.effectiveDate())));
    }

    @PostMapping("/{projectId}/goal")
    public ResponseEntity<ProjectChange> reviseGoal(@PathVariable String projectId, @RequestBody GoalRequest body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch, Authentication user, HttpServletRequest request) {
        if (body.goal() == null) {
            throw new InvalidRequest("goal", "goal is required (it may be empty text)");
        }
        String goal = RequestFields.bounded("goal", body.goal());
        String reason = RequestFields.required("reason", body.reason());
        Long expected = RequestFields.expectedVersion(ifMatch, body.expectedVersion());
        return answer(commands.sendAndWait(new ReviseGoal(projectId, goal, reason, expected),
                CommandMetadata.of(user, request, reason, body.documentNumber(), body.effectiveDate())));
    }

    @PostMapping("/{projectId}/withdrawal")
    public ResponseEntity<ProjectChange> withdraw(@PathVariable String projectId, @RequestBody ReasonRequest body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch, Authentication user, HttpServletRequest request) {
        String reason = RequestFields.required("reason", body.reason());
        Long expected = RequestFields.expectedVersion(ifMatch, body.expectedVersion());
        return answer(commands.sendAndWait(new WithdrawProject(projectId, reason, expected),
                CommandMetadata.of(user, request, reason, body.documentNumber(), body.effectiveDate())));
    }

    @PostMapping("/{projectId}/indicators")
    public ResponseEntity<IndicatorChange> addIndicator(@PathVariable String projectId, @RequestBody IndicatorRequest body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch, Authentication user, HttpServletRequest request) {
        String reason = RequestFields.reasonOr("indicator added", body.reason());
        IndicatorAccepted accepted = commands.sendAndWait(new AddIndicator(projectId, body.no(),
                        RequestFields.required("level1", body.level1()), RequestFields.required("level2", body.level2()),
                        RequestFields.required("name", body.name()), RequestFields.bounded("periodTarget", body.periodTarget()),
                        RequestFields.bounded("annualTarget", body.annualTarget()),
                        RequestFields.expectedVersion(ifMatch, body.expectedVersion())),
                CommandMetadata.of(user, request, reason, body.documentNumber(), body.effectiveDate()));
        return ResponseEntity.created(URI.create("/api/v1/projects/" + projectId + "/indicators/" + accepted.no()))
                .eTag(Long.toString(accepted.version())).body(indicatorChange(accepted));
    }

    @PutMapping("/{projectId}/indicators/{no}")
    public ResponseEntity<IndicatorChange> reviseIndicator(@PathVariable String projectId, @PathVariable int no,
            @RequestBody IndicatorRequest body, @RequestHeader(name = "If-Match", required = false) String ifMatch,
            Authentication user, HttpServletRequest request) {
        if (body.no() != null && body.no() != no) {
            throw new InvalidRequest("no", "the body names indicator " + body.no() + " but the path names " + no);
        }
        String reason = RequestFields.required("reason", body.reason());
        IndicatorAccepted accepted = commands.sendAndWait(new ReviseIndicator(projectId, no,
                        RequestFields.required("level1", body.level1()), RequestFields.required("level2", body.level2()),
                        RequestFields.required("name", body.name()), RequestFields.bounded("periodTarget", body.periodTarget()),
                        RequestFields.bounded("annualTarget", body.annualTarget()), reason,
                        RequestFields.expectedVersion(ifMatch, body.expectedVersion())),
                CommandMetadata.of(user, request, reason, body.documentNumber(), body.effectiveDate()));
        return ResponseEntity.ok().eTag(Long.toString(accepted.version())).body(indicatorChange(accepted));
    }

    /** The reason may come as a query parameter (DELETE bodies are not welcome everywhere) or in a body. */
    @DeleteMapping("/{projectId}/indicators/{no}")
    public ResponseEntity<ProjectChange> removeIndicator(@PathVariable String projectId, @PathVariable int no,
            @RequestParam(name = "reason", required = false) String reasonParameter,
            @RequestBody(required = false) ReasonRequest body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch, Authentication user, HttpServletRequest request) {
        ReasonRequest given = body == null ? new ReasonRequest(reasonParameter, null, null, null) : body;
        String reason = RequestFields.required("reason", given.reason() != null ? given.reason() : reasonParameter);
        Long expected = RequestFields.expectedVersion(ifMatch, given.expectedVersion());
        return answer(commands.sendAndWait(new RemoveIndicator(projectId, no, reason, expected),
                CommandMetadata.of(user, request, reason, given.documentNumber(), given.effectiveDate())));
    }

    private ResponseEntity<ProjectChange> answer(ProjectBalance balance) {
        return ResponseEntity.ok().eTag(Long.toString(balance.version())).body(ProjectChange.of(balance, position.reached()));
    }

    private IndicatorChange indicatorChange(IndicatorAccepted accepted) {
        return new IndicatorChange(accepted.projectId(), accepted.no(), accepted.version(), position.reached());
    }
}
