package org.publicbudget.ledger.domain.project;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.conflictresolution.ConflictResolver;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.publicbudget.ledger.domain.BudgetRuleViolation;
import org.publicbudget.ledger.domain.Texts;
import org.publicbudget.ledger.domain.money.Allocations;
import org.publicbudget.ledger.domain.money.Amounts;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.domain.organisation.FiscalYears;
import org.publicbudget.ledger.domain.organisation.OrganisationIds;
import org.publicbudget.ledger.domain.project.api.ExpenditureAccepted;
import org.publicbudget.ledger.domain.project.api.ImportOutcome;
import org.publicbudget.ledger.domain.project.api.Indicator;
import org.publicbudget.ledger.domain.project.api.IndicatorAccepted;
import org.publicbudget.ledger.domain.project.api.NoSuchIndicator;
import org.publicbudget.ledger.domain.project.api.ProjectBalance;
import org.publicbudget.ledger.domain.project.api.commands.AddIndicator;
import org.publicbudget.ledger.domain.project.api.commands.CreateProject;
import org.publicbudget.ledger.domain.project.api.commands.ImportProject;
import org.publicbudget.ledger.domain.project.api.commands.RecordExpenditure;
import org.publicbudget.ledger.domain.project.api.commands.RemoveIndicator;
import org.publicbudget.ledger.domain.project.api.commands.ReportIndicatorResult;
import org.publicbudget.ledger.domain.project.api.commands.ReverseExpenditure;
import org.publicbudget.ledger.domain.project.api.commands.ReviseAllocation;
import org.publicbudget.ledger.domain.project.api.commands.ReviseGoal;
import org.publicbudget.ledger.domain.project.api.commands.ReviseIndicator;
import org.publicbudget.ledger.domain.project.api.commands.TransferIn;
import org.publicbudget.ledger.domain.project.api.commands.TransferOut;
import org.publicbudget.ledger.domain.project.api.commands.WithdrawProject;
import org.publicbudget.ledger.domain.project.api.events.AllocationRevised;
import org.publicbudget.ledger.domain.project.api.events.AllocationTransferred;
import org.publicbudget.ledger.domain.project.api.events.ExpenditureRecorded;
import org.publicbudget.ledger.domain.project.api.events.ExpenditureReversed;
import org.publicbudget.ledger.domain.project.api.events.GoalRevised;
import org.publicbudget.ledger.domain.project.api.events.IndicatorAdded;
import org.publicbudget.ledger.domain.project.api.events.IndicatorRemoved;
import org.publicbudget.ledger.domain.project.api.events.IndicatorResultReported;
import org.publicbudget.ledger.domain.project.api.events.IndicatorRevised;
import org.publicbudget.ledger.domain.project.api.events.ProjectCreated;
import org.publicbudget.ledger.domain.project.api.events.ProjectWithdrawn;

/**
 * A budget project, event-sourced. Command handlers check every rule before
 * applying an event; event-sourcing handlers only assign state, so replaying
 * history can never be refused. What a source has spent never exceeds its allocation:
 * a payment beyond what is available is refused, and so is a revision, a transfer out,
 * an import or a withdrawal that would leave an allocation below what it has paid.
 */
@Revision("3")
class Project {

    @AggregateIdentifier
    private String projectId;
    private String departmentId;
    private String unitId;
    private int fiscalYear;
    private String goal;
    private boolean withdrawn;
    private final Map<FundingSource, BigDecimal> allocations = new EnumMap<>(FundingSource.class);
    private final Spending spending = new Spending();
    private final TreeMap<Integer, Indicator> indicators = new TreeMap<>();
    private final Results results = new Results();
    private long version;

    protected Project() {
        // for Axon: rebuilt from its events
    }

    @CommandHandler
    public Project(CreateProject command) {
        create(command.projectId(), command.department(), command.fiscalYear(), command.unit(), command.name(),
                command.goal(), command.allocations());
    }

    /** Creates the project if the ledger does not know it yet, then applies only what differs from the document. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public ImportOutcome handle(ImportProject command) {
        Texts.required("reason", command.reason());
        List<Indicator> wanted = ProjectRules.validIndicators(command.indicators());
        boolean created = projectId == null;
        if (created) {
            create(command.projectId(), command.department(), command.fiscalYear(), command.unit(), command.name(),
                    command.goal(), command.allocations());
        } else if (withdrawn) {
            throw new BudgetRuleViolation("projectId", "project " + projectId + " was withdrawn; it cannot be imported again");
        }
        DocumentChanges changes = DocumentChanges.between(command, wanted, projectId, departmentId, unitId, allocations, spending,
                goal, indicators);
        changes.events().forEach(event -> apply(event));
        return changes.outcome(created);
    }

    @CommandHandler
    public ProjectBalance handle(ReviseAllocation command, ConflictResolver conflicts) {
        refuseIfStale(conflicts);
        requireActive();
        ProjectRules.requiredSource(command.fundingSource());
        BigDecimal after = Amounts.valid("amount", command.amount());
        String reason = Texts.required("reason", command.reason());
        BigDecimal before = allocations.get(command.fundingSource());
        if (before.compareTo(after) == 0) {
            throw new BudgetRuleViolation("amount",
                    "the " + command.fundingSource() + " allocation is already " + before.toPlainString() + ": a revision must change it");
        }
        spending.requireCovered("amount", projectId, command.fundingSource(), after);
        apply(new AllocationRevised(projectId, departmentId, unitId, command.fundingSource(), before, after, reason));
        return balance();
    }

    @CommandHandler
    public IndicatorAccepted handle(AddIndicator command, ConflictResolver conflicts) {
        refuseIfStale(conflicts);
        requireActive();
        Indicator wanted = ProjectRules.validIndicator(command.no() == null ? nextIndicatorNumber() : command.no(), command.level1(),
                command.level2(), command.name(), command.periodTarget(), command.annualTarget());
        if (indicators.containsKey(wanted.no())) {
            throw new BudgetRuleViolation("no", "indicator " + wanted.no() + " already exists in this project");
        }
        apply(new IndicatorAdded(projectId, departmentId, unitId, wanted.no(), wanted.level1(), wanted.level2(), wanted.name(),
                wanted.periodTarget(), wanted.annualTarget()));
        return new IndicatorAccepted(projectId, wanted.no(), version);
    }

    @CommandHandler
    public IndicatorAccepted handle(ReviseIndicator command, ConflictResolver conflicts) {
        refuseIfStale(conflicts);
        requireActive();
        Indicator current = existingIndicator(command.no());
        Indicator wanted = ProjectRules.validIndicator(command.no(), command.level1(), command.level2(), command.name(),
                command.periodTarget(), command.annualTarget());
        String reason = Texts.required("reason", command.reason());
        if (wanted.equals(current)) {
            throw new BudgetRuleViolation("no", "indicator " + command.no() + " already reads so: a revision must change it");
        }
        apply(new IndicatorRevised(projectId, departmentId, unitId, current, wanted, reason));
        return new IndicatorAccepted(projectId, wanted.no(), version);
    }

    @CommandHandler
    public ProjectBalance handle(RemoveIndicator command, ConflictResolver conflicts) {
        refuseIfStale(conflicts);
        requireActive();
        Indicator current = existingIndicator(command.no());
        apply(new IndicatorRemoved(projectId, departmentId, unitId, current, Texts.required("reason", command.reason())));
        return balance();
    }

    @CommandHandler
    public ProjectBalance handle(ReviseGoal command, ConflictResolver conflicts) {
        refuseIfStale(conflicts);
        requireActive();
        String newGoal = Texts.optional("goal", command.goal());
        String reason = Texts.required("reason", command.reason());
        if (newGoal.equals(goal)) {
            throw new BudgetRuleViolation("goal", "the goal already reads so: a revision must change it");
        }
        apply(new GoalRevised(projectId, departmentId, unitId, goal, newGoal, reason));
        return balance();
    }

    @CommandHandler
    public ProjectBalance handle(TransferOut command) {
        requireActive();
        FundingSource source = ProjectRules.requiredSource(command.fundingSource());
        BigDecimal amount = ProjectRules.positive(command.amount());
        if (projectId.equals(command.toProjectId())) {
            throw new BudgetRuleViolation("toProjectId", "a transfer needs two different projects");
        }
        BigDecimal before = allocations.get(source);
        if (before.compareTo(amount) < 0) {
            throw new BudgetRuleViolation("amount", "project " + projectId + " holds only " + before.toPlainString()
                    + " from " + source + "; it cannot give " + amount.toPlainString());
        }
        spending.requireCovered("amount", projectId, source, before.subtract(amount));
        apply(new AllocationTransferred(projectId, departmentId, unitId, Texts.required("transferId", command.transferId()),
                command.toProjectId(), source, before, Amounts.canonical(before.subtract(amount)), Texts.required("reason", command.reason())));
        return balance();
    }

    @CommandHandler
    public ProjectBalance handle(TransferIn command) {
        requireActive();
        FundingSource source = ProjectRules.requiredSource(command.fundingSource());
        BigDecimal amount = ProjectRules.positive(command.amount());
        BigDecimal before = allocations.get(source);
        BigDecimal after = Amounts.valid("amount", before.add(amount));
        apply(new AllocationTransferred(projectId, departmentId, unitId, Texts.required("transferId", command.transferId()),
                command.fromProjectId(), source, before, after, Texts.required("reason", command.reason())));
        return balance();
    }

    @CommandHandler
    public ProjectBalance handle(WithdrawProject command, ConflictResolver conflicts) {
        refuseIfStale(conflicts);
        requireActive();
        String reason = Texts.required("reason", command.reason());
        BigDecimal paid = spending.total();
        if (paid.signum() > 0) {
            throw new BudgetRuleViolation("projectId", "project " + projectId + " has paid " + Amounts.canonical(paid).toPlainString()
                    + " 万元; reverse its payments before withdrawing it");
        }
        apply(new ProjectWithdrawn(projectId, departmentId, unitId, Map.copyOf(allocations), reason));
        return balance();
    }

    @CommandHandler
    public ExpenditureAccepted handle(RecordExpenditure command) {
        requireActive();
        String expenditureId = Texts.required("expenditureId", command.expenditureId());
        FundingSource source = ProjectRules.requiredSource(command.fundingSource());
        BigDecimal amount = ProjectRules.positive(command.amount());
        LocalDate paidOn = ProjectRules.inFiscalYear("paidOn", command.paidOn(), fiscalYear);
        String voucherNo = ProjectRules.voucher("voucherNo", command.voucherNo());
        String reason = Texts.required("reason", command.reason());
        String payee = ProjectRules.payee(command.payee());
        String economicClass = ProjectRules.economicClass(command.economicClass());
        spending.requirePayable(expenditureId, source, amount, voucherNo, allocations.get(source));
        BigDecimal before = spending.of(source);
        apply(new ExpenditureRecorded(projectId, departmentId, unitId, expenditureId, source, amount, before,
                Amounts.canonical(before.add(amount)), paidOn, voucherNo, reason, payee, economicClass));
        return expenditureAccepted(expenditureId, source);
    }

    @CommandHandler
    public ExpenditureAccepted handle(ReverseExpenditure command) {
        requireActive();
        String expenditureId = Texts.required("expenditureId", command.expenditureId());
        Payment payment = spending.reversible(projectId, expenditureId);
        LocalDate reversedOn = ProjectRules.reversalDate(command.reversedOn(), LocalDate.now(ZoneOffset.UTC), payment.paidOn(), fiscalYear);
        String voucherNo = command.voucherNo() == null ? null : ProjectRules.voucher("voucherNo", command.voucherNo());
        String reason = Texts.required("reason", command.reason());
        BigDecimal before = spending.of(payment.fundingSource());
        apply(new ExpenditureReversed(projectId, departmentId, unitId, expenditureId, payment.fundingSource(), payment.amount(), before,
                Amounts.canonical(before.subtract(payment.amount())), payment.voucherNo(), reversedOn, voucherNo, reason));
        return expenditureAccepted(expenditureId, payment.fundingSource());
    }

    @CommandHandler
    public IndicatorAccepted handle(ReportIndicatorResult command) {
        requireActive();
        Indicator indicator = existingIndicator(command.no());
        String actual = results.require(command, fiscalYear);
        String reason = Texts.required("reason", command.reason());
        String before = results.before(indicator.no(), command.period());
        LocalDate reportedOn = command.reportedOn();
        apply(new IndicatorResultReported(projectId, departmentId, unitId, indicator.no(), command.period(), before, actual, reportedOn,
                reason));
        return new IndicatorAccepted(projectId, indicator.no(), version);
    }

    private ExpenditureAccepted expenditureAccepted(String expenditureId, FundingSource source) {
        return new ExpenditureAccepted(projectId, expenditureId, version, source, spending.of(source),
                Amounts.canonical(allocations.get(source).subtract(spending.of(source))));
    }

    private void create(String id, String departmentName, int year, String unitName, String projectName, String goalText,
            Map<FundingSource, BigDecimal> amounts) {
        String newId = Texts.required("projectId", id);
        String department = Texts.required("department", departmentName);
        String unit = Texts.required("unit", unitName);
        String name = Texts.required("name", projectName);
        String cleanGoal = Texts.optional("goal", goalText);
        FiscalYears.valid(year);
        Map<FundingSource, BigDecimal> valid = Allocations.valid(amounts);
        String newDepartmentId = OrganisationIds.departmentId(department, year);
        apply(new ProjectCreated(newId, newDepartmentId, department, year,
                OrganisationIds.unitId(newDepartmentId, unit), unit, name, cleanGoal, valid));
    }

    private Indicator existingIndicator(int no) {
        Indicator current = indicators.get(no);
        if (current == null) {
            throw new NoSuchIndicator(projectId, no);
        }
        return current;
    }

    /**
     * A client that names the version it read must not change a project that has
     * moved on since: that is a conflict (409), whatever else would be wrong with the
     * command. Checked first, before any rule; a no-op when no version was given.
     */
    private static void refuseIfStale(ConflictResolver conflicts) {
        conflicts.detectConflicts(unseen -> !unseen.isEmpty());
    }

    private void requireActive() {
        if (withdrawn) {
            throw new BudgetRuleViolation("projectId", "project " + projectId + " is withdrawn");
        }
    }

    private int nextIndicatorNumber() {
        return indicators.isEmpty() ? 1 : indicators.lastKey() + 1;
    }

    private ProjectBalance balance() {
        return new ProjectBalance(projectId, version, Map.copyOf(allocations));
    }

    @EventSourcingHandler
    void on(ProjectCreated event, @SequenceNumber long sequence) {
        projectId = event.projectId();
        departmentId = event.departmentId();
        unitId = event.unitId();
        fiscalYear = event.fiscalYear();
        goal = event.goal();
        // a source the event does not name starts at zero, as in the read model
        for (FundingSource source : FundingSource.values()) {
            allocations.put(source, event.allocations().getOrDefault(source, BigDecimal.ZERO));
        }
        spending.opened();
        version = sequence;
    }

    @EventSourcingHandler
    void on(AllocationRevised event, @SequenceNumber long sequence) {
        allocations.put(event.fundingSource(), event.after());
        version = sequence;
    }

    @EventSourcingHandler
    void on(AllocationTransferred event, @SequenceNumber long sequence) {
        allocations.put(event.fundingSource(), event.after());
        version = sequence;
    }

    @EventSourcingHandler
    void on(GoalRevised event, @SequenceNumber long sequence) {
        goal = event.after();
        version = sequence;
    }

    @EventSourcingHandler
    void on(IndicatorAdded event, @SequenceNumber long sequence) {
        indicators.put(event.no(), new Indicator(event.no(), event.level1(), event.level2(), event.name(),
                event.periodTarget(), event.annualTarget()));
        version = sequence;
    }

    @EventSourcingHandler
    void on(IndicatorRevised event, @SequenceNumber long sequence) {
        indicators.put(event.after().no(), event.after());
        version = sequence;
    }

    @EventSourcingHandler
    void on(IndicatorRemoved event, @SequenceNumber long sequence) {
        indicators.remove(event.removed().no());
        results.forget(event.removed().no());
        version = sequence;
    }

    @EventSourcingHandler
    void on(ExpenditureRecorded event, @SequenceNumber long sequence) {
        spending.recorded(event);
        version = sequence;
    }

    @EventSourcingHandler
    void on(ExpenditureReversed event, @SequenceNumber long sequence) {
        spending.reversed(event);
        version = sequence;
    }

    @EventSourcingHandler
    void on(IndicatorResultReported event, @SequenceNumber long sequence) {
        results.record(event.no(), event.period(), event.actual());
        version = sequence;
    }

    @EventSourcingHandler
    void on(ProjectWithdrawn event, @SequenceNumber long sequence) {
        withdrawn = true;
        allocations.replaceAll((source, amount) -> Amounts.canonical(BigDecimal.ZERO));
        version = sequence;
    }
}
