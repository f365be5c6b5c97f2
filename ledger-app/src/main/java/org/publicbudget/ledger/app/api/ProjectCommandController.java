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
import org.publicbudget.ledger.domain.project.AddIndicator;
import org.publicbudget.ledger.domain.project.CreateProject;
import org.publicbudget.ledger.domain.project.IndicatorAccepted;
import org.publicbudget.ledger.domain.project.ProjectBalance;
import org.publicbudget.ledger.domain.project.ReviseAllocation;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Commands on projects. Each answer is given only after the events are committed
 * to the event store, and it is built from the command's result, not from a read
 * model that may not have caught up yet.
 */
@RestController
@RequestMapping("/api/v1/projects")
public class ProjectCommandController {

    private final CommandGateway commands;

    public ProjectCommandController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping
    public ResponseEntity<Map<String, Object>> create(@RequestBody CreateProjectRequest body, Authentication user,
            HttpServletRequest request) {
        String department = RequestFields.required("department", body.department());
        if (body.fiscalYear() == null) {
            throw new InvalidRequest("fiscalYear", "fiscalYear is required");
        }
        String unit = RequestFields.required("unit", body.unit());
        String name = RequestFields.required("name", body.name());
        String goal = RequestFields.bounded("goal", body.goal());
        Map<FundingSource, BigDecimal> allocations = new EnumMap<>(FundingSource.class);
        if (body.allocations() != null) {
            body.allocations().forEach((source, amount) ->
                    allocations.put(source, RequestFields.amount("allocations." + source.name(), amount)));
        }
        String reason = body.reason() == null || body.reason().isBlank() ? "project created" : RequestFields.bounded("reason", body.reason());
        String projectId = UUID.randomUUID().toString();
        commands.sendAndWait(new CreateProject(projectId, department, body.fiscalYear(), unit, name, goal, allocations),
                CommandMetadata.of(user, request, reason));

        String departmentId = OrganisationIds.departmentId(Texts.required("department", department), body.fiscalYear());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("projectId", projectId);
        answer.put("departmentId", departmentId);
        answer.put("unitId", OrganisationIds.unitId(departmentId, Texts.required("unit", unit)));
        answer.put("version", 0L);
        return ResponseEntity.created(URI.create("/api/v1/projects/" + projectId)).body(answer);
    }

    @PostMapping("/{projectId}/allocation-revisions")
    public Map<String, Object> reviseAllocation(@PathVariable String projectId, @RequestBody AllocationRevisionRequest body,
            Authentication user, HttpServletRequest request) {
        if (body.fundingSource() == null) {
            throw new InvalidRequest("fundingSource", "fundingSource is required: one of FISCAL_APPROPRIATION, SPECIAL_ACCOUNT, OTHER");
        }
        BigDecimal amount = RequestFields.amount("amount", body.amount());
        String reason = RequestFields.required("reason", body.reason());
        ProjectBalance balance = commands.sendAndWait(
                new ReviseAllocation(projectId, body.fundingSource(), amount, reason, body.expectedVersion()),
                CommandMetadata.of(user, request, reason));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("projectId", balance.projectId());
        answer.put("total", balance.total());
        answer.put("allocations", new EnumMap<>(balance.allocations()));
        answer.put("version", balance.version());
        return answer;
    }

    @PostMapping("/{projectId}/indicators")
    public ResponseEntity<IndicatorAccepted> addIndicator(@PathVariable String projectId, @RequestBody IndicatorRequest body,
            Authentication user, HttpServletRequest request) {
        String level1 = RequestFields.required("level1", body.level1());
        String level2 = RequestFields.required("level2", body.level2());
        String name = RequestFields.required("name", body.name());
        String reason = body.reason() == null || body.reason().isBlank() ? "indicator added" : RequestFields.bounded("reason", body.reason());
        IndicatorAccepted accepted = commands.sendAndWait(new AddIndicator(projectId, body.no(), level1, level2, name,
                        RequestFields.bounded("periodTarget", body.periodTarget()),
                        RequestFields.bounded("annualTarget", body.annualTarget()), body.expectedVersion()),
                CommandMetadata.of(user, request, reason));
        return ResponseEntity.created(URI.create("/api/v1/projects/" + projectId + "/indicators/" + accepted.no())).body(accepted);
    }
}
