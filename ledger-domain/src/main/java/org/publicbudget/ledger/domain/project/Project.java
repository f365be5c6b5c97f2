package org.publicbudget.ledger.domain.project;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeSet;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.publicbudget.ledger.domain.BudgetRuleViolation;
import org.publicbudget.ledger.domain.Texts;
import org.publicbudget.ledger.domain.indicator.IndicatorCategory;
import org.publicbudget.ledger.domain.money.Allocations;
import org.publicbudget.ledger.domain.money.Amounts;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.domain.organisation.OrganisationIds;

/**
 * A budget project, event-sourced. Command handlers check every rule before
 * applying an event; event-sourcing handlers only assign state, so replaying
 * history can never be refused.
 */
public class Project {

    static final int EARLIEST_FISCAL_YEAR = 1990;
    static final int LATEST_FISCAL_YEAR = 2100;

    @AggregateIdentifier
    private String projectId;
    private String departmentId;
    private String unitId;
    private final Map<FundingSource, BigDecimal> allocations = new EnumMap<>(FundingSource.class);
    private final TreeSet<Integer> indicatorNumbers = new TreeSet<>();
    private long version;

    protected Project() {
        // for Axon: rebuilt from its events
    }

    @CommandHandler
    public Project(CreateProject command) {
        String projectId = Texts.required("projectId", command.projectId());
        String department = Texts.required("department", command.department());
        String unit = Texts.required("unit", command.unit());
        String name = Texts.required("name", command.name());
        String goal = Texts.optional("goal", command.goal());
        int year = command.fiscalYear();
        if (year < EARLIEST_FISCAL_YEAR || year > LATEST_FISCAL_YEAR) {
            throw new BudgetRuleViolation("fiscalYear",
                    "fiscalYear must be between " + EARLIEST_FISCAL_YEAR + " and " + LATEST_FISCAL_YEAR);
        }
        Map<FundingSource, BigDecimal> amounts = Allocations.valid(command.allocations());
        String departmentId = OrganisationIds.departmentId(department, year);
        apply(new ProjectCreated(projectId, departmentId, department, year,
                OrganisationIds.unitId(departmentId, unit), unit, name, goal, amounts));
    }

    @CommandHandler
    public ProjectBalance handle(ReviseAllocation command) {
        if (command.fundingSource() == null) {
            throw new BudgetRuleViolation("fundingSource", "fundingSource is required");
        }
        BigDecimal after = Amounts.valid("amount", command.amount());
        String reason = Texts.required("reason", command.reason());
        BigDecimal before = allocations.get(command.fundingSource());
        if (before.compareTo(after) == 0) {
            throw new BudgetRuleViolation("amount",
                    "the " + command.fundingSource() + " allocation is already " + before.toPlainString() + ": a revision must change it");
        }
        apply(new AllocationRevised(projectId, departmentId, unitId, command.fundingSource(), before, after, reason));
        return balance();
    }

    @CommandHandler
    public IndicatorAccepted handle(AddIndicator command) {
        String level1 = Texts.required("level1", command.level1());
        String level2 = Texts.required("level2", command.level2());
        if (IndicatorCategory.level1Label(level1).isEmpty()) {
            throw new BudgetRuleViolation("level1", "level1 must be 1 (产出指标), 2 (效益指标) or 3 (满意度指标)");
        }
        IndicatorCategory category = IndicatorCategory.ofLevel2(level2)
                .orElseThrow(() -> new BudgetRuleViolation("level2", "level2 " + level2 + " is not a category of the framework"));
        if (!category.level1().equals(level1)) {
            throw new BudgetRuleViolation("level2",
                    "level2 " + level2 + " (" + category.label() + ") belongs to level1 " + category.level1() + ", not " + level1);
        }
        String name = Texts.required("name", command.name());
        int no = command.no() == null ? nextIndicatorNumber() : command.no();
        if (no < 1) {
            throw new BudgetRuleViolation("no", "no must be 1 or more");
        }
        if (indicatorNumbers.contains(no)) {
            throw new BudgetRuleViolation("no", "indicator " + no + " already exists in this project");
        }
        apply(new IndicatorAdded(projectId, departmentId, unitId, no, level1, level2, name,
                Texts.optional("periodTarget", command.periodTarget()),
                Texts.optional("annualTarget", command.annualTarget())));
        return new IndicatorAccepted(projectId, no, version);
    }

    private int nextIndicatorNumber() {
        return indicatorNumbers.isEmpty() ? 1 : indicatorNumbers.last() + 1;
    }

    private ProjectBalance balance() {
        return new ProjectBalance(projectId, version, Map.copyOf(allocations));
    }

    @EventSourcingHandler
    void on(ProjectCreated event, @SequenceNumber long sequence) {
        projectId = event.projectId();
        departmentId = event.departmentId();
        unitId = event.unitId();
        allocations.putAll(event.allocations());
        version = sequence;
    }

    @EventSourcingHandler
    void on(AllocationRevised event, @SequenceNumber long sequence) {
        allocations.put(event.fundingSource(), event.after());
        version = sequence;
    }

    @EventSourcingHandler
    void on(IndicatorAdded event, @SequenceNumber long sequence) {
        indicatorNumbers.add(event.no());
        version = sequence;
    }
}
