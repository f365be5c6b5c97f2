package org.publicbudget.ledger.query.totals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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

/**
 * The totals read model computed in memory from events, row for row as
 * {@link TotalsProjection} keeps it in the database. A rebuild folds the whole store
 * here and writes the result once with a few large statements, instead of a handful
 * of statements per event; and it is the recomputation a rebuilt copy is proved
 * against; and, in the shapes of the read model's queries, the ledger as of any
 * past moment. Memory grows with the number of projects and indicators, not of events.
 */
public final class TotalsFold {

    private static final class Department {
        final String name;
        final int fiscalYear;
        BigDecimal declared;

        Department(String name, int fiscalYear) {
            this.name = name;
            this.fiscalYear = fiscalYear;
        }
    }

    private static final class Unit {
        final String departmentId;
        final String name;
        BigDecimal declared;

        Unit(String departmentId, String name) {
            this.departmentId = departmentId;
            this.name = name;
        }
    }

    private static final class Project {
        final String unitId;
        final String departmentId;
        final String name;
        String goal;
        long version;
        boolean withdrawn;
        final Map<FundingSource, BigDecimal> allocations = new EnumMap<>(FundingSource.class);
        final TreeMap<Integer, Indicator> indicators = new TreeMap<>();

        Project(ProjectCreated created, long version) {
            unitId = created.unitId();
            departmentId = created.departmentId();
            name = created.name();
            goal = created.goal();
            this.version = version;
            for (FundingSource source : FundingSource.values()) {
                allocations.put(source, created.allocations().getOrDefault(source, BigDecimal.ZERO));
            }
        }
    }

    private final Map<String, Department> departments = new LinkedHashMap<>();
    private final Map<String, Unit> units = new LinkedHashMap<>();
    private final Map<String, Project> projects = new LinkedHashMap<>();

    /** Applies one event; {@code sequence} is its number in its aggregate's stream. */
    public void apply(Object event, long sequence) {
        if (event instanceof ProjectCreated created) {
            departments.putIfAbsent(created.departmentId(), new Department(created.department(), created.fiscalYear()));
            units.putIfAbsent(created.unitId(), new Unit(created.departmentId(), created.unit()));
            projects.putIfAbsent(created.projectId(), new Project(created, sequence));
        } else if (event instanceof UnitRegistered registered) {
            departments.putIfAbsent(registered.departmentId(), new Department(registered.department(), registered.fiscalYear()));
            units.putIfAbsent(registered.unitId(), new Unit(registered.departmentId(), registered.unit()));
        } else if (event instanceof DeclaredTotalRecorded declared) {
            Department department = departments.computeIfAbsent(declared.departmentId(),
                    id -> new Department(declared.department(), declared.fiscalYear()));
            if (declared.unitId() == null) {
                department.declared = declared.after();
            } else {
                units.computeIfAbsent(declared.unitId(), id -> new Unit(declared.departmentId(), declared.unit())).declared = declared.after();
            }
        } else if (event instanceof ProjectEvent projectEvent) {
            Project project = projects.get(projectEvent.projectId());
            if (project != null && project.version < sequence) {
                project.version = sequence;
                applyTo(project, event);
            }
        }
    }

    private static void applyTo(Project project, Object event) {
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

    /** The rows of one table, with values in the order of its columns. */
    public Stream<Object[]> rows(TotalsTables.Table table) {
        return switch (table.name()) {
            case "department_summary" -> departments.entrySet().stream()
                    .map(e -> new Object[] {e.getKey(), e.getValue().name, e.getValue().fiscalYear, e.getValue().declared});
            case "unit_summary" -> units.entrySet().stream()
                    .map(e -> new Object[] {e.getKey(), e.getValue().departmentId, e.getValue().name, e.getValue().declared});
            case "project_summary" -> projects.entrySet().stream().map(e -> {
                Project p = e.getValue();
                return new Object[] {e.getKey(), p.unitId, p.departmentId, p.name, p.goal, p.version, p.indicators.size(), p.withdrawn};
            });
            case "project_allocation" -> projects.entrySet().stream().flatMap(e -> e.getValue().allocations.entrySet().stream()
                    .map(a -> new Object[] {e.getKey(), a.getKey().name(), a.getValue()}));
            case "unit_allocation" -> sums(true);
            case "department_allocation" -> sums(false);
            case "project_indicator" -> projects.entrySet().stream().flatMap(e -> e.getValue().indicators.values().stream()
                    .map(i -> new Object[] {e.getKey(), i.no(), i.level1(), i.level2(), i.name(), i.periodTarget(), i.annualTarget()}));
            default -> throw new IllegalArgumentException("not a totals table: " + table.name());
        };
    }

    /**
     * Unit or department sums per funding source. Like the projection, a unit has
     * rows once a project was created in it (withdrawn ones count as zero).
     */
    private Stream<Object[]> sums(boolean byUnit) {
        List<Object[]> rows = new ArrayList<>();
        sumsBy(p -> byUnit ? p.unitId : p.departmentId).forEach((key, amounts) -> amounts.forEach((source, amount) -> rows.add(new Object[] {key, source.name(), amount})));
        return rows.stream();
    }

    public int projects() {
        return projects.size();
    }

    // ---- the same figures in the shapes of the read model's queries (TotalsQueries), for reads as of a past moment

    public List<DepartmentTotals> departments() {
        Map<String, Map<FundingSource, BigDecimal>> sums = sumsBy(p -> p.departmentId);
        List<DepartmentTotals> result = new ArrayList<>();
        departments.keySet().forEach(id -> result.add(department(id, sums)));
        result.sort(Comparator.comparing(DepartmentTotals::fiscalYear).reversed().thenComparing(DepartmentTotals::name));
        return result;
    }

    public Optional<DepartmentTotals> department(String id) {
        return departments.containsKey(id) ? Optional.of(department(id, sumsBy(p -> p.departmentId))) : Optional.empty();
    }

    private DepartmentTotals department(String id, Map<String, Map<FundingSource, BigDecimal>> sums) {
        Department department = departments.get(id);
        Map<FundingSource, BigDecimal> amounts = canonical(sums.getOrDefault(id, Map.of()));
        BigDecimal computed = Allocations.total(amounts);
        return new DepartmentTotals(id, department.name, department.fiscalYear, canonical(department.declared), computed,
                variance(computed, department.declared), amounts);
    }

    public List<UnitTotals> units() {
        return unitsWhere(unit -> true);
    }

    public List<UnitTotals> unitsOf(String departmentId) {
        return unitsWhere(unit -> unit.departmentId.equals(departmentId));
    }

    public Optional<UnitTotals> unit(String id) {
        return units.containsKey(id) ? unitsWhere(unit -> unit == units.get(id)).stream().findFirst() : Optional.empty();
    }

    private List<UnitTotals> unitsWhere(Predicate<Unit> wanted) {
        Map<String, Map<FundingSource, BigDecimal>> sums = sumsBy(p -> p.unitId);
        Map<String, Long> counted = projects.values().stream().filter(p -> !p.withdrawn)
                .collect(Collectors.groupingBy(p -> p.unitId, Collectors.counting()));
        List<UnitTotals> result = new ArrayList<>();
        units.forEach((id, unit) -> {
            if (wanted.test(unit)) {
                Map<FundingSource, BigDecimal> amounts = canonical(sums.getOrDefault(id, Map.of()));
                BigDecimal computed = Allocations.total(amounts);
                result.add(new UnitTotals(id, unit.departmentId, unit.name, canonical(unit.declared), computed,
                        variance(computed, unit.declared), counted.getOrDefault(id, 0L).intValue(), amounts));
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

    /** Allocations per funding source summed over the projects of each unit or department. */
    private Map<String, Map<FundingSource, BigDecimal>> sumsBy(Function<Project, String> key) {
        Map<String, Map<FundingSource, BigDecimal>> sums = new HashMap<>();
        projects.values().forEach(p -> {
            Map<FundingSource, BigDecimal> into = sums.computeIfAbsent(key.apply(p), k -> new EnumMap<>(FundingSource.class));
            p.allocations.forEach((source, amount) -> into.merge(source, amount, BigDecimal::add));
        });
        return sums;
    }

    /** Every source present, each amount in canonical form. */
    private static Map<FundingSource, BigDecimal> canonical(Map<FundingSource, BigDecimal> amounts) {
        Map<FundingSource, BigDecimal> result = new EnumMap<>(FundingSource.class);
        for (FundingSource source : FundingSource.values()) {
            result.put(source, Amounts.canonical(amounts.getOrDefault(source, BigDecimal.ZERO)));
        }
        return result;
    }

    private static BigDecimal canonical(BigDecimal amount) {
        return amount == null ? null : Amounts.canonical(amount);
    }

    private static BigDecimal variance(BigDecimal computed, BigDecimal declared) {
        return declared == null ? null : Amounts.canonical(computed.subtract(declared));
    }
}
