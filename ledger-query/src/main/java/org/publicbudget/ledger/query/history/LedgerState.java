package org.publicbudget.ledger.query.history;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.publicbudget.ledger.domain.budget.DeclaredTotalRecorded;
import org.publicbudget.ledger.domain.budget.UnitRegistered;
import org.publicbudget.ledger.domain.money.Allocations;
import org.publicbudget.ledger.domain.money.Amounts;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.domain.project.AllocationRevised;
import org.publicbudget.ledger.domain.project.AllocationTransferred;
import org.publicbudget.ledger.domain.project.GoalRevised;
import org.publicbudget.ledger.domain.project.Indicator;
import org.publicbudget.ledger.domain.project.IndicatorAdded;
import org.publicbudget.ledger.domain.project.IndicatorRemoved;
import org.publicbudget.ledger.domain.project.IndicatorRevised;
import org.publicbudget.ledger.domain.project.ProjectCreated;
import org.publicbudget.ledger.domain.project.ProjectEvent;
import org.publicbudget.ledger.domain.project.ProjectWithdrawn;
import org.publicbudget.ledger.query.totals.DepartmentTotals;
import org.publicbudget.ledger.query.totals.ProjectDetail;
import org.publicbudget.ledger.query.totals.ProjectRow;
import org.publicbudget.ledger.query.totals.UnitTotals;

/**
 * The ledger recomputed from events alone: departments, units and projects with
 * their figures, as of whatever events were applied. It answers in the same shapes
 * as the read model, so a figure as of a past moment reads like a current one, and
 * verification can compare the two.
 */
public final class LedgerState {

    private record Department(String name, int fiscalYear, BigDecimal declared) {
    }

    private record Unit(String departmentId, String name, BigDecimal declared) {
    }

    private static final class Project {
        final String unitId;
        final String departmentId;
        final String name;
        String goal;
        boolean withdrawn;
        long version;
        final Map<FundingSource, BigDecimal> allocations = new EnumMap<>(FundingSource.class);
        final TreeMap<Integer, Indicator> indicators = new TreeMap<>();

        Project(ProjectCreated created) {
            unitId = created.unitId();
            departmentId = created.departmentId();
            name = created.name();
            goal = created.goal();
            for (FundingSource source : FundingSource.values()) {
                allocations.put(source, created.allocations().getOrDefault(source, BigDecimal.ZERO));
            }
        }
    }

    private final Map<String, Department> departments = new LinkedHashMap<>();
    private final Map<String, Unit> units = new LinkedHashMap<>();
    private final Map<String, Project> projects = new LinkedHashMap<>();

    public static LedgerState of(List<? extends EventMessage<?>> events) {
        LedgerState state = new LedgerState();
        events.forEach(state::apply);
        return state;
    }

    private void apply(EventMessage<?> message) {
        Object event = message.getPayload();
        long sequence = message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : 0;
        if (event instanceof ProjectCreated created) {
            departments.putIfAbsent(created.departmentId(), new Department(created.department(), created.fiscalYear(), null));
            units.putIfAbsent(created.unitId(), new Unit(created.departmentId(), created.unit(), null));
            projects.put(created.projectId(), new Project(created));
        } else if (event instanceof DeclaredTotalRecorded declared) {
            Department department = departments.get(declared.departmentId());
            if (department == null) {
                department = new Department(declared.department(), declared.fiscalYear(), null);
            }
            if (declared.unitId() == null) {
                departments.put(declared.departmentId(), new Department(department.name(), department.fiscalYear(), declared.after()));
            } else {
                departments.putIfAbsent(declared.departmentId(), department);
                units.put(declared.unitId(), new Unit(declared.departmentId(), declared.unit(), declared.after()));
            }
        } else if (event instanceof UnitRegistered registered) {
            departments.putIfAbsent(registered.departmentId(), new Department(registered.department(), registered.fiscalYear(), null));
            units.putIfAbsent(registered.unitId(), new Unit(registered.departmentId(), registered.unit(), null));
        }
        Project project = projectOf(event);
        if (project == null) {
            return;
        }
        project.version = sequence;
        if (event instanceof AllocationRevised revised) {
            project.allocations.put(revised.fundingSource(), revised.after());
        } else if (event instanceof AllocationTransferred transferred) {
            project.allocations.put(transferred.fundingSource(), transferred.after());
        } else if (event instanceof ProjectWithdrawn) {
            project.withdrawn = true;
            project.allocations.replaceAll((source, amount) -> BigDecimal.ZERO);
        } else if (event instanceof GoalRevised goal) {
            project.goal = goal.after();
        } else if (event instanceof IndicatorAdded added) {
            project.indicators.put(added.no(), new Indicator(added.no(), added.level1(), added.level2(), added.name(),
                    added.periodTarget(), added.annualTarget()));
        } else if (event instanceof IndicatorRevised revised) {
            project.indicators.put(revised.after().no(), revised.after());
        } else if (event instanceof IndicatorRemoved removed) {
            project.indicators.remove(removed.removed().no());
        }
    }

    private Project projectOf(Object event) {
        return event instanceof ProjectEvent e ? projects.get(e.projectId()) : null;
    }

    public List<DepartmentTotals> departments() {
        List<DepartmentTotals> result = new ArrayList<>();
        departments.keySet().forEach(id -> department(id).ifPresent(result::add));
        result.sort(Comparator.comparing(DepartmentTotals::fiscalYear).reversed().thenComparing(DepartmentTotals::name));
        return result;
    }

    public Optional<DepartmentTotals> department(String id) {
        Department department = departments.get(id);
        if (department == null) {
            return Optional.empty();
        }
        Map<FundingSource, BigDecimal> amounts = sum(projects.values().stream().filter(p -> p.departmentId.equals(id)).toList());
        BigDecimal computed = Allocations.total(amounts);
        return Optional.of(new DepartmentTotals(id, department.name(), department.fiscalYear(), canonical(department.declared()),
                computed, variance(computed, department.declared()), amounts));
    }

    public List<UnitTotals> units() {
        return unitsWhere(null);
    }

    public List<UnitTotals> unitsOf(String departmentId) {
        return unitsWhere(departmentId);
    }

    public Optional<UnitTotals> unit(String id) {
        return units().stream().filter(u -> u.unitId().equals(id)).findFirst();
    }

    private List<UnitTotals> unitsWhere(String departmentId) {
        List<UnitTotals> result = new ArrayList<>();
        units.forEach((id, unit) -> {
            if (departmentId == null || unit.departmentId().equals(departmentId)) {
                List<Project> of = projects.values().stream().filter(p -> p.unitId.equals(id)).toList();
                Map<FundingSource, BigDecimal> amounts = sum(of);
                BigDecimal computed = Allocations.total(amounts);
                result.add(new UnitTotals(id, unit.departmentId(), unit.name(), canonical(unit.declared()), computed,
                        variance(computed, unit.declared()), (int) of.stream().filter(p -> !p.withdrawn).count(), amounts));
            }
        });
        result.sort(Comparator.comparing(UnitTotals::name));
        return result;
    }

    public List<ProjectRow> projectsOf(String unitId) {
        List<ProjectRow> result = new ArrayList<>();
        projects.forEach((id, p) -> {
            if (p.unitId.equals(unitId)) {
                Map<FundingSource, BigDecimal> amounts = canonical(p.allocations);
                result.add(new ProjectRow(id, p.name, Allocations.total(amounts), amounts, p.indicators.size(), p.version, p.withdrawn));
            }
        });
        result.sort(Comparator.comparing(ProjectRow::name).thenComparing(ProjectRow::projectId));
        return result;
    }

    public Optional<ProjectDetail> project(String id) {
        Project p = projects.get(id);
        if (p == null) {
            return Optional.empty();
        }
        Map<FundingSource, BigDecimal> amounts = canonical(p.allocations);
        List<ProjectDetail.Indicator> indicators = p.indicators.values().stream()
                .map(i -> ProjectDetail.Indicator.of(i.no(), i.level1(), i.level2(), i.name(), i.periodTarget(), i.annualTarget()))
                .toList();
        return Optional.of(new ProjectDetail(id, p.unitId, p.departmentId, p.name, p.goal, Allocations.total(amounts), amounts,
                indicators, p.version, p.withdrawn));
    }

    /** Ids of every project, for comparing with the read model. */
    public List<String> projectIds() {
        return List.copyOf(projects.keySet());
    }

    private static Map<FundingSource, BigDecimal> sum(List<Project> of) {
        Map<FundingSource, BigDecimal> amounts = new EnumMap<>(FundingSource.class);
        for (FundingSource source : FundingSource.values()) {
            amounts.put(source, BigDecimal.ZERO);
        }
        of.forEach(p -> p.allocations.forEach((source, amount) -> amounts.merge(source, amount, BigDecimal::add)));
        return canonical(amounts);
    }

    private static Map<FundingSource, BigDecimal> canonical(Map<FundingSource, BigDecimal> amounts) {
        Map<FundingSource, BigDecimal> result = new EnumMap<>(FundingSource.class);
        amounts.forEach((source, amount) -> result.put(source, Amounts.canonical(amount)));
        return result;
    }

    private static BigDecimal canonical(BigDecimal amount) {
        return amount == null ? null : Amounts.canonical(amount);
    }

    private static BigDecimal variance(BigDecimal computed, BigDecimal declared) {
        return declared == null ? null : Amounts.canonical(computed.subtract(declared));
    }
}
