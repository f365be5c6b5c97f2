package org.publicbudget.ledger.app.projects;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.publicbudget.ledger.app.infrastructure.axon.LedgerPosition;
import org.publicbudget.ledger.app.infrastructure.http.CommandMetadata;
import org.publicbudget.ledger.app.infrastructure.http.RequestFields;
import org.publicbudget.ledger.domain.Texts;
import org.publicbudget.ledger.domain.organisation.OrganisationIds;
import org.publicbudget.ledger.domain.project.api.IndicatorAccepted;
import org.publicbudget.ledger.domain.project.api.ProjectBalance;
import org.publicbudget.ledger.domain.project.api.commands.CreateProject;
import org.publicbudget.ledger.domain.project.api.commands.RemoveIndicator;
import org.publicbudget.ledger.domain.project.api.commands.ReviseAllocation;
import org.publicbudget.ledger.domain.project.api.commands.ReviseGoal;
import org.publicbudget.ledger.domain.project.api.commands.ReviseIndicator;
import org.publicbudget.ledger.domain.project.api.commands.WithdrawProject;
import org.springframework.http.HttpStatus;
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
import org.springframework.web.bind.annotation.ResponseStatus;
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

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping
    public ResponseEntity<Map<String, Object>> create(@RequestBody CreateProjectRequest body, Authentication user,
            HttpServletRequest request) {
        CreateProject command = Commands.createProject(UUID.randomUUID().toString(), body);
        commands.sendAndWait(command, CommandMetadata.of(user, request, Commands.createReason(body), body.documentNumber(),
                body.effectiveDate()));
        Map<String, Object> answer = created(command);
        answer.put("position", position.reached());
        return ResponseEntity.created(URI.create("/api/v1/projects/" + command.projectId())).eTag("0").body(answer);
    }

    /** Where the new project stands: its id, its department's and its unit's, and its first version. */
    public static Map<String, Object> created(CreateProject command) {
        String departmentId = OrganisationIds.departmentId(Texts.required("department", command.department()), command.fiscalYear());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("projectId", command.projectId());
        answer.put("departmentId", departmentId);
        answer.put("unitId", OrganisationIds.unitId(departmentId, Texts.required("unit", command.unit())));
        answer.put("version", 0L);
        return answer;
    }

    @PostMapping("/{projectId}/allocation-revisions")
    public ResponseEntity<ProjectChange> reviseAllocation(@PathVariable String projectId, @RequestBody AllocationRevisionRequest body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch, Authentication user, HttpServletRequest request) {
        ReviseAllocation command = Commands.reviseAllocation(projectId, body, RequestFields.expectedVersion(ifMatch, body.expectedVersion()));
        return answer(commands.sendAndWait(command,
                CommandMetadata.of(user, request, command.reason(), body.documentNumber(), body.effectiveDate())));
    }

    @PostMapping("/{projectId}/goal")
    public ResponseEntity<ProjectChange> reviseGoal(@PathVariable String projectId, @RequestBody GoalRequest body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch, Authentication user, HttpServletRequest request) {
        ReviseGoal command = Commands.reviseGoal(projectId, body, RequestFields.expectedVersion(ifMatch, body.expectedVersion()));
        return answer(commands.sendAndWait(command,
                CommandMetadata.of(user, request, command.reason(), body.documentNumber(), body.effectiveDate())));
    }

    @PostMapping("/{projectId}/withdrawal")
    public ResponseEntity<ProjectChange> withdraw(@PathVariable String projectId, @RequestBody ReasonRequest body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch, Authentication user, HttpServletRequest request) {
        WithdrawProject command = Commands.withdraw(projectId, body.reason(), RequestFields.expectedVersion(ifMatch, body.expectedVersion()));
        return answer(commands.sendAndWait(command,
                CommandMetadata.of(user, request, command.reason(), body.documentNumber(), body.effectiveDate())));
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/{projectId}/indicators")
    public ResponseEntity<IndicatorChange> addIndicator(@PathVariable String projectId, @RequestBody IndicatorRequest body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch, Authentication user, HttpServletRequest request) {
        IndicatorAccepted accepted = commands.sendAndWait(
                Commands.addIndicator(projectId, body, RequestFields.expectedVersion(ifMatch, body.expectedVersion())),
                CommandMetadata.of(user, request, Commands.addReason(body), body.documentNumber(), body.effectiveDate()));
        return ResponseEntity.created(URI.create("/api/v1/projects/" + projectId + "/indicators/" + accepted.no()))
                .eTag(Long.toString(accepted.version())).body(indicatorChange(accepted));
    }

    @PutMapping("/{projectId}/indicators/{no}")
    public ResponseEntity<IndicatorChange> reviseIndicator(@PathVariable String projectId, @PathVariable int no,
            @RequestBody IndicatorRequest body, @RequestHeader(name = "If-Match", required = false) String ifMatch,
            Authentication user, HttpServletRequest request) {
        ReviseIndicator command = Commands.reviseIndicator(projectId, no, body, RequestFields.expectedVersion(ifMatch, body.expectedVersion()));
        IndicatorAccepted accepted = commands.sendAndWait(command,
                CommandMetadata.of(user, request, command.reason(), body.documentNumber(), body.effectiveDate()));
        return ResponseEntity.ok().eTag(Long.toString(accepted.version())).body(indicatorChange(accepted));
    }

    /** The reason may come as a query parameter (DELETE bodies are not welcome everywhere) or in a body. */
    @DeleteMapping("/{projectId}/indicators/{no}")
    public ResponseEntity<ProjectChange> removeIndicator(@PathVariable String projectId, @PathVariable int no,
            @RequestParam(name = "reason", required = false) String reasonParameter,
            @RequestBody(required = false) ReasonRequest body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch, Authentication user, HttpServletRequest request) {
        ReasonRequest given = body == null ? new ReasonRequest(reasonParameter, null, null, null) : body;
        RemoveIndicator command = Commands.removeIndicator(projectId, no, given.reason() != null ? given.reason() : reasonParameter,
                RequestFields.expectedVersion(ifMatch, given.expectedVersion()));
        return answer(commands.sendAndWait(command,
                CommandMetadata.of(user, request, command.reason(), given.documentNumber(), given.effectiveDate())));
    }

    private ResponseEntity<ProjectChange> answer(ProjectBalance balance) {
        return ResponseEntity.ok().eTag(Long.toString(balance.version())).body(ProjectChange.of(balance, position.reached()));
    }

    private IndicatorChange indicatorChange(IndicatorAccepted accepted) {
        return new IndicatorChange(accepted.projectId(), accepted.no(), accepted.version(), position.reached());
    }
}
