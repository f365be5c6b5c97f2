package org.publicbudget.ledger.app.projects.batch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.publicbudget.ledger.app.budgets.DeclaredTotalRequest;
import org.publicbudget.ledger.app.infrastructure.http.InvalidRequest;
import org.publicbudget.ledger.app.infrastructure.http.RequestFields;
import org.publicbudget.ledger.app.projects.AllocationRevisionRequest;
import org.publicbudget.ledger.app.projects.Commands;
import org.publicbudget.ledger.app.projects.CreateProjectRequest;
import org.publicbudget.ledger.app.projects.ExpenditureRequest;
import org.publicbudget.ledger.app.projects.GoalRequest;
import org.publicbudget.ledger.app.projects.IndicatorRequest;
import org.publicbudget.ledger.app.projects.ProjectCommandController;
import org.publicbudget.ledger.app.projects.ResultRequest;
import org.publicbudget.ledger.app.projects.ReversalRequest;
import org.publicbudget.ledger.app.projects.TransferRequest;
import org.publicbudget.ledger.app.projects.transfers.TransferController;
import org.publicbudget.ledger.domain.budget.api.DeclareTotal;
import org.publicbudget.ledger.domain.project.api.ExpenditureAccepted;
import org.publicbudget.ledger.domain.project.api.IndicatorAccepted;
import org.publicbudget.ledger.domain.project.api.ProjectBalance;
import org.publicbudget.ledger.domain.project.api.commands.CreateProject;

/**
 * One command of a batch, checked field by field as its single endpoint checks it
 * ({@link Commands}), ready to run inside the batch's transaction, with the projects
 * it names (their versions are read ahead for the whole batch).
 */
record BatchStep(BatchCommand.Type type, Object command, String reason, List<String> projectsNamed) {

    /** The step for {@code given}; an {@link InvalidRequest} names the field at fault. */
    static BatchStep of(BatchCommand given) {
        if (given == null || given.type() == null) {
            throw new InvalidRequest("type", "type is required: one of CREATE_PROJECT, ALLOCATION_REVISION, TRANSFER, GOAL_REVISION, "
                    + "INDICATOR_ADDITION, INDICATOR_REVISION, INDICATOR_REMOVAL, WITHDRAWAL, DECLARED_TOTAL, EXPENDITURE, EXPENDITURE_REVERSAL, "
                    + "INDICATOR_RESULT");
        }
        Long expected = RequestFields.expectedVersion(null, given.expectedVersion());
        return switch (given.type()) {
            case CREATE_PROJECT -> {
                CreateProjectRequest request = new CreateProjectRequest(given.department(), given.fiscalYear(), given.unit(), given.name(),
                        given.goal(), given.allocations(), given.reason(), null, null);
                yield step(given, Commands.createProject(UUID.randomUUID().toString(), request), Commands.createReason(request));
            }
            case ALLOCATION_REVISION -> step(given, Commands.reviseAllocation(project(given), new AllocationRevisionRequest(
                    given.fundingSource(), given.amount(), given.reason(), null, null, null), expected));
            case GOAL_REVISION -> step(given, Commands.reviseGoal(project(given), new GoalRequest(given.goal(), given.reason(), null, null,
                    null), expected));
            case WITHDRAWAL -> step(given, Commands.withdraw(project(given), given.reason(), expected));
            case INDICATOR_ADDITION -> {
                IndicatorRequest request = indicator(given);
                yield step(given, Commands.addIndicator(project(given), request, expected), Commands.addReason(request));
            }
            case INDICATOR_REVISION -> step(given, Commands.reviseIndicator(project(given), no(given), indicator(given), expected));
            case INDICATOR_REMOVAL -> step(given, Commands.removeIndicator(project(given), no(given), given.reason(), expected));
            case TRANSFER -> step(given, Commands.transfer(UUID.randomUUID().toString(), new TransferRequest(given.fromProjectId(),
                    given.toProjectId(), given.fundingSource(), given.amount(), given.reason(), null, null)));
            case DECLARED_TOTAL -> step(given, new DeclaredTotalRequest(given.department(), given.fiscalYear(),
                    given.unit(), given.amount(), given.reason(), null, null).command());
            case EXPENDITURE -> step(given, Commands.recordExpenditure(project(given), UUID.randomUUID().toString(), new ExpenditureRequest(
                    given.fundingSource(), given.amount(), given.paidOn(), given.voucherNo(), given.reason(), given.payee(),
                    given.economicClass())));
            case EXPENDITURE_REVERSAL -> step(given, Commands.reverseExpenditure(project(given), given.expenditureId(),
                    new ReversalRequest(given.reversedOn(), given.voucherNo(), given.reason())));
            case INDICATOR_RESULT -> step(given, Commands.reportResult(project(given), no(given), new ResultRequest(given.actual(),
                    given.reportedOn(), given.period(), given.reason())));
        };
    }

    private static BatchStep step(BatchCommand given, Object command) {
        return step(given, command, given.reason());
    }

    private static BatchStep step(BatchCommand given, Object command, String reason) {
        List<String> projects = Stream.of(given.projectId(), given.fromProjectId(), given.toProjectId()).filter(Objects::nonNull).toList();
        return new BatchStep(given.type(), command, reason, projects);
    }

    private static String project(BatchCommand given) {
        return RequestFields.required("projectId", given.projectId());
    }

    private static int no(BatchCommand given) {
        if (given.no() == null) {
            throw new InvalidRequest("no", "no is required: the indicator's number in its project");
        }
        return given.no();
    }

    private static IndicatorRequest indicator(BatchCommand given) {
        return new IndicatorRequest(given.no(), given.level1(), given.level2(), given.name(), given.periodTarget(), given.annualTarget(),
                given.reason(), null, null, null);
    }

    /** Runs the command and says what it did: the project (or department) it changed, and its new version or figure. */
    Map<String, Object> run(CommandGateway commands, MetaData metadata) {
        Map<String, Object> done = new LinkedHashMap<>();
        done.put("type", type);
        if (command instanceof CreateProject create) {
            commands.sendAndWait(create, metadata);
            done.putAll(ProjectCommandController.created(create));
        } else if (command instanceof Commands.Transfer transfer) {
            ProjectBalance[] sides = TransferController.sides(commands, transfer, metadata);
            done.put("transferId", transfer.transferId());
            done.put("from", project(sides[0]));
            done.put("to", project(sides[1]));
        } else if (command instanceof DeclareTotal declare) {
            done.put("departmentId", declare.departmentId());
            done.put("declaredTotal", commands.sendAndWait(declare, metadata));
        } else {
            Object result = commands.sendAndWait(command, metadata);
            if (result instanceof IndicatorAccepted indicator) {
                done.put("projectId", indicator.projectId());
                done.put("no", indicator.no());
                done.put("version", indicator.version());
            } else if (result instanceof ExpenditureAccepted payment) {
                done.put("projectId", payment.projectId());
                done.put("expenditureId", payment.expenditureId());
                done.put("version", payment.version());
                done.put("fundingSource", payment.fundingSource());
                done.put("spent", payment.spent());
                done.put("available", payment.available());
            } else {
                done.putAll(project((ProjectBalance) result));
            }
        }
        return done;
    }

    private static Map<String, Object> project(ProjectBalance balance) {
        Map<String, Object> project = new LinkedHashMap<>();
        project.put("projectId", balance.projectId());
        project.put("version", balance.version());
        project.put("total", balance.total());
        project.put("allocations", balance.allocations());
        return project;
    }
}
