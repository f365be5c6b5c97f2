package org.publicbudget.ledger.app.projects.batch;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.publicbudget.ledger.app.budgets.KnownUnits;
import org.publicbudget.ledger.app.infrastructure.axon.LastSequenceNumbers;
import org.publicbudget.ledger.app.infrastructure.axon.LedgerPosition;
import org.publicbudget.ledger.app.infrastructure.http.ApiProblems;
import org.publicbudget.ledger.app.infrastructure.http.CommandMetadata;
import org.publicbudget.ledger.app.infrastructure.http.InvalidRequest;
import org.publicbudget.ledger.domain.BudgetRuleViolation;
import org.publicbudget.ledger.domain.Texts;
import org.publicbudget.ledger.domain.budget.api.DeclareTotal;
import org.publicbudget.ledger.domain.organisation.OrganisationIds;
import org.publicbudget.ledger.domain.project.api.commands.CreateProject;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Batches of commands (预算调整, the start of a fiscal year: thousands of changes in one
 * document) that land whole or not at all. Every command is first checked as its
 * single endpoint checks it; then all run in one database transaction, in the order
 * given, each seeing the ones before it. If any is refused, the transaction rolls back
 * — nothing is appended — and the answer names every refused command by its index,
 * field and reason. Every event carries the batch's id, 文号 and effective date, and
 * the trail shows the batch each step came in.
 */
@RestController
public class BatchController {

    static final int MOST_COMMANDS = 10_000;

    private final CommandGateway commands;
    private final TransactionTemplate transaction;
    private final KnownUnits units;
    private final LedgerPosition position;
    private final JdbcTemplate jdbc;

    public BatchController(CommandGateway commands, TransactionTemplate transaction, KnownUnits units, LedgerPosition position,
            JdbcTemplate jdbc) {
        this.commands = commands;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.units = units;
        this.position = position;
    }

    @PostMapping("/api/v1/batches")
    public ResponseEntity<Object> run(@RequestBody BatchRequest body, Authentication user, HttpServletRequest request) {
        List<BatchCommand> given = body.commands();
        if (given == null || given.isEmpty() || given.size() > MOST_COMMANDS) {
            throw new InvalidRequest("commands", "commands must hold 1 to " + MOST_COMMANDS + " commands"
                    + (given == null ? "" : "; this batch has " + given.size()));
        }
        String batchId = UUID.randomUUID().toString();
        MetaData batch = CommandMetadata.of(user, request, "batch", body.documentNumber(), body.effectiveDate())
                .and(CommandMetadata.BATCH_ID, batchId);
        List<Map<String, Object>> refused = new ArrayList<>();
        List<BatchStep> steps = check(given, refused);
        if (!refused.isEmpty()) {
            return refuse(HttpStatus.BAD_REQUEST, refused, given.size());
        }
        List<Map<String, Object>> done = transaction.execute(status -> {
            LastSequenceNumbers.readAhead(jdbc, projectsNamed(steps));
            List<Map<String, Object>> results = runAsOneUnit(steps, batch, refused);
            if (!refused.isEmpty()) {
                status.setRollbackOnly();
            }
            return results;
        });
        if (!refused.isEmpty()) {
            return refuse(HttpStatus.valueOf((int) refused.get(0).get("status")), refused, given.size());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("batchId", batchId);
        answer.put("commands", done);
        answer.put("position", position.reached());
        return ResponseEntity.ok(answer);
    }

    /**
     * The commands run inside one unit of work of Axon's, so that each command's own
     * unit of work, nested in it, hands its events up instead of appending them: the
     * whole batch is appended at the end in one statement batch and chained in a few
     * more, and a project changed by several commands is loaded once. A refused command
     * is noted and the next one run, to name every command that would be refused. Only
     * the append touches the database, so only it can lose a race (another writer
     * appended to one of the projects first): the batch as a whole is then refused.
     */
    private List<Map<String, Object>> runAsOneUnit(List<BatchStep> steps, MetaData batch, List<Map<String, Object>> refused) {
        UnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(new GenericMessage<>("batch", batch));
        List<Map<String, Object>> results = new ArrayList<>();
        try {
            for (int i = 0; i < steps.size(); i++) {
                try {
                    Map<String, Object> result = new LinkedHashMap<>();
                    result.put("index", i);
                    result.putAll(steps.get(i).run(commands, batch.and(CommandMetadata.REASON, steps.get(i).reason())));
                    results.add(result);
                } catch (RuntimeException e) {
                    refused.add(entry(i, ApiProblems.refusal(e).orElseThrow(() -> e)));
                }
            }
        } catch (RuntimeException e) {
            unit.rollback(e);
            throw e;
        }
        if (!refused.isEmpty()) {
            unit.rollback();
            return results;
        }
        try {
            unit.commit();
        } catch (RuntimeException e) {
            // the append itself: another writer got to one of the projects first
            ResponseEntity<Object> refusal = ApiProblems.refusal(e).orElseThrow(() -> e);
            refused.add(entry(-1, refusal));
        }
        return results;
    }

    private static Set<String> projectsNamed(List<BatchStep> steps) {
        Set<String> projects = new HashSet<>();
        steps.forEach(step -> projects.addAll(step.projectsNamed()));
        return projects;
    }

    /**
     * Every command checked before any runs. A declared total may name a unit the ledger
     * knows or one a project created earlier in the same batch belongs to: a typo must
     * not create a unit.
     */
    private List<BatchStep> check(List<BatchCommand> given, List<Map<String, Object>> refused) {
        List<BatchStep> steps = new ArrayList<>();
        Set<String> unitsCreated = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            try {
                BatchStep step = BatchStep.of(given.get(i));
                if (step.command() instanceof CreateProject create) {
                    unitsCreated.add(OrganisationIds.unitId(OrganisationIds.departmentId(Texts.required("department", create.department()),
                            create.fiscalYear()), Texts.required("unit", create.unit())));
                }
                if (step.command() instanceof DeclareTotal declare && declare.unit() != null) {
                    String unitId = OrganisationIds.unitId(declare.departmentId(), Texts.required("unit", declare.unit()));
                    if (!unitsCreated.contains(unitId) && !units.known(unitId)) {
                        throw new InvalidRequest("unit", "no unit named " + declare.unit() + " in " + declare.department() + " "
                                + declare.fiscalYear());
                    }
                }
                steps.add(step);
            } catch (InvalidRequest | BudgetRuleViolation e) {
                refused.add(entry(i, ApiProblems.refusal(e).orElseThrow()));
            }
        }
        return steps;
    }

    /** The refusal of the command at {@code index}, or of the whole batch when it is negative. */
    private static Map<String, Object> entry(int index, ResponseEntity<Object> refusal) {
        ProblemDetail problem = (ProblemDetail) refusal.getBody();
        Map<String, Object> entry = new LinkedHashMap<>();
        if (index < 0) {
            // the batch as a whole: its append lost a race
            entry.put("field", "commands");
        } else {
            entry.put("index", index);
            Object field = problem.getProperties() == null ? null : problem.getProperties().get("field");
            entry.put("field", "commands[" + index + "]" + (field == null ? "" : "." + field));
        }
        entry.put("reason", problem.getDetail());
        entry.put("status", refusal.getStatusCode().value());
        return entry;
    }

    /** Nothing was appended; {@code errors} names each refused command, the first also in {@code field}. */
    private static ResponseEntity<Object> refuse(HttpStatusCode status, List<Map<String, Object>> refused, int commands) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, refused.size() + " of the batch's " + commands
                + " commands would be refused (the first: " + refused.get(0).get("reason") + "); nothing was recorded");
        problem.setTitle("Batch refused");
        problem.setProperty("field", refused.get(0).get("field"));
        problem.setProperty("errors", refused);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
