package org.publicbudget.ledger.domain.budget;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.publicbudget.ledger.domain.BudgetRuleViolation;
import org.publicbudget.ledger.domain.Texts;
import org.publicbudget.ledger.domain.budget.api.DeclareTotal;
import org.publicbudget.ledger.domain.budget.api.DeclaredTotalRecorded;
import org.publicbudget.ledger.domain.budget.api.DeclaredTotalsOutcome;
import org.publicbudget.ledger.domain.budget.api.DocumentImported;
import org.publicbudget.ledger.domain.budget.api.ListedProjectsChanged;
import org.publicbudget.ledger.domain.budget.api.RecordDeclaredTotals;
import org.publicbudget.ledger.domain.budget.api.RecordImport;
import org.publicbudget.ledger.domain.budget.api.RegisterUnit;
import org.publicbudget.ledger.domain.budget.api.UnitAlreadyRegistered;
import org.publicbudget.ledger.domain.budget.api.UnitRegistered;
import org.publicbudget.ledger.domain.money.Amounts;
import org.publicbudget.ledger.domain.organisation.FiscalYears;
import org.publicbudget.ledger.domain.organisation.OrganisationIds;

/**
 * One department's budget for one fiscal year, as its documents declare it: the
 * declared totals and the projects the latest edition lists. Its id is the
 * department id, so it comes into being with the department's first document.
 */
@Revision("1")
class DepartmentBudget {

    @AggregateIdentifier
    private String departmentId;
    private BigDecimal grandTotal;
    private final Map<String, BigDecimal> unitTotals = new HashMap<>();
    private final Set<String> listed = new TreeSet<>();
    private final Set<String> registered = new HashSet<>();
    private String lastImportedSha256;

    protected DepartmentBudget() {
        // for Axon: rebuilt from its events, or created by the first document
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public DeclaredTotalsOutcome handle(RecordDeclaredTotals command) {
        String department = Texts.required("department", command.department());
        String reason = Texts.required("reason", command.reason());
        String id = idOf(command.departmentId(), department, command.fiscalYear());
        int events = 0;
        int totals = 0;
        if (command.grandTotal() != null) {
            BigDecimal declared = Amounts.valid("grandTotal", command.grandTotal());
            if (grandTotal == null || grandTotal.compareTo(declared) != 0) {
                apply(new DeclaredTotalRecorded(id, department, command.fiscalYear(), null, null, grandTotal, declared, reason));
                totals++;
            }
        }
        for (Map.Entry<String, BigDecimal> unit : new TreeMap<>(command.unitTotals()).entrySet()) {
            String unitName = Texts.required("unitTotals", unit.getKey());
            String unitId = OrganisationIds.unitId(id, unitName);
            BigDecimal declared = Amounts.valid("unitTotals." + unitName, unit.getValue());
            BigDecimal before = unitTotals.get(unitId);
            if (before == null || before.compareTo(declared) != 0) {
                apply(new DeclaredTotalRecorded(id, department, command.fiscalYear(), unitId, unitName, before, declared, reason));
                totals++;
            }
        }
        events += totals;
        Set<String> added = new TreeSet<>(command.listedProjectIds());
        added.removeAll(listed);
        Set<String> removed = new TreeSet<>(listed);
        removed.removeAll(command.listedProjectIds());
        if (!added.isEmpty() || !removed.isEmpty()) {
            apply(new ListedProjectsChanged(id, added, removed, reason));
            events++;
        }
        return new DeclaredTotalsOutcome(totals, removed, events);
    }

    /** Records the import unless it repeats the last imported document and changed nothing; says whether it recorded it. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(RecordImport command) {
        String department = Texts.required("department", command.department());
        String id = idOf(command.departmentId(), department, command.fiscalYear());
        String sha256 = Texts.required("sha256", command.sha256());
        if (command.changes().events() == 0 && sha256.equals(lastImportedSha256)) {
            return false;
        }
        apply(new DocumentImported(id, department, command.fiscalYear(), Texts.required("document", command.document()), sha256,
                command.declaredTotal(), command.computedTotal(), command.changes(), List.copyOf(command.findings()),
                Texts.required("reason", command.reason())));
        return true;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public String handle(RegisterUnit command) {
        String department = Texts.required("department", command.department());
        String id = idOf(command.departmentId(), department, command.fiscalYear());
        String unit = Texts.required("unit", command.unit());
        String unitId = OrganisationIds.unitId(id, unit);
        if (registered.contains(unitId) || unitTotals.containsKey(unitId)) {
            throw new UnitAlreadyRegistered(unit);
        }
        apply(new UnitRegistered(id, department, command.fiscalYear(), unitId, unit, Texts.required("reason", command.reason())));
        return unitId;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public BigDecimal handle(DeclareTotal command) {
        String department = Texts.required("department", command.department());
        String id = idOf(command.departmentId(), department, command.fiscalYear());
        BigDecimal amount = Amounts.valid("amount", command.amount());
        String reason = Texts.required("reason", command.reason());
        String unit = command.unit() == null ? null : Texts.required("unit", command.unit());
        String unitId = unit == null ? null : OrganisationIds.unitId(id, unit);
        BigDecimal before = unitId == null ? grandTotal : unitTotals.get(unitId);
        if (before != null && before.compareTo(amount) == 0) {
            throw new BudgetRuleViolation("amount", "the declared total is already " + before.toPlainString());
        }
        apply(new DeclaredTotalRecorded(id, department, command.fiscalYear(), unitId, unit, before, amount, reason));
        return amount;
    }

    /** The id is derived from the department's name and year; a command naming another is refused. */
    private static String idOf(String given, String department, int fiscalYear) {
        String id = OrganisationIds.departmentId(department, FiscalYears.valid(fiscalYear));
        if (!id.equals(given)) {
            throw new BudgetRuleViolation("departmentId", "departmentId does not belong to " + department + " " + fiscalYear);
        }
        return id;
    }

    @EventSourcingHandler
    void on(UnitRegistered event) {
        departmentId = event.departmentId();
        registered.add(event.unitId());
    }

    @EventSourcingHandler
    void on(DeclaredTotalRecorded event) {
        departmentId = event.departmentId();
        if (event.unitId() == null) {
            grandTotal = event.after();
        } else {
            unitTotals.put(event.unitId(), event.after());
        }
    }

    @EventSourcingHandler
    void on(DocumentImported event) {
        departmentId = event.departmentId();
        lastImportedSha256 = event.sha256();
    }

    @EventSourcingHandler
    void on(ListedProjectsChanged event) {
        departmentId = event.departmentId();
        listed.addAll(event.added());
        listed.removeAll(event.removed());
    }
}
