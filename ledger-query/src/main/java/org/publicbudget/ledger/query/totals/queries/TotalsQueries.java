package org.publicbudget.ledger.query.totals.queries;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.publicbudget.ledger.domain.indicator.ResultPeriod;
import org.publicbudget.ledger.domain.money.Allocations;
import org.publicbudget.ledger.domain.money.Amounts;
import org.publicbudget.ledger.query.readmodel.projection.ReadModelCopies;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads of the totals read model, now or as of a position in the event store. Now
 * reads the current rows; as of a position reads, for each row returned, its history
 * row at or before it — so every read costs what it returns plus an index seek per
 * row, never a walk through the store. Lists come in pages, in the document's order
 * (the order in which the ledger first saw each unit and project); departments newest
 * fiscal year first. Amounts come back in their canonical form (59.84, not 59.840000).
 */
public class TotalsQueries {

    private final JdbcTemplate jdbc;
    /** PostgreSQL sums a figure's effective changes in a lateral join; the embedded database, which has none, by a grouped one. */
    private final boolean lateral;

    public TotalsQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.lateral = ReadModelCopies.onPostgres(jdbc);
    }

    /** {@code after} is the {@code next} of the page before ("fiscal year.first position"). */
    public Page<DepartmentTotals> departments(FigureTime when, String after, int limit) {
        List<Object> args = new ArrayList<>();
        String condition = "1 = 1";
        if (after != null) {
            long[] cursor = cursor(after, 2);
            condition = "(d.fiscal_year < ? OR (d.fiscal_year = ? AND d.first_position > ?))";
            args.addAll(List.of(cursor[0], cursor[0], cursor[1]));
        }
        List<DepartmentTotals> rows = departmentsWhere(when, condition, "d.fiscal_year DESC, d.first_position", limit + 1, args);
        return page(rows, limit, d -> d.fiscalYear() + "." + d.firstPosition());
    }

    public Optional<DepartmentTotals> department(String departmentId, FigureTime when) {
        List<Object> args = new ArrayList<>(List.of(departmentId));
        return departmentsWhere(when, "d.department_id = ?", "d.department_id", 1, args).stream().findFirst();
    }

    public Page<UnitTotals> units(FigureTime when, String after, int limit) {
        return unitsPage(when, "1 = 1", new ArrayList<>(), after, limit);
    }

    public Page<UnitTotals> unitsOf(String departmentId, FigureTime when, String after, int limit) {
        return unitsPage(when, "u.department_id = ?", new ArrayList<>(List.of(departmentId)), after, limit);
    }

    public Optional<UnitTotals> unit(String unitId, FigureTime when) {
        return unitsWhere(when, "u.unit_id = ?", new ArrayList<>(List.of(unitId)), 1).stream().findFirst();
    }

    public Page<ProjectRow> projectsOf(String unitId, FigureTime when, String after, int limit) {
        Long at = when.position();
        List<Object> args = new ArrayList<>();
        FigureSql money = new FigureSql("p", "project_id", when, lateral);
        String select = "SELECT p.project_id, p.name, " + money.columns() + ", "
                + (at == null ? "p.indicator_count, p.version" : INDICATORS_AT + ", " + VERSION_AT) + ", p.first_position";
        if (at != null) {
            args.addAll(List.of(at, at));
        }
        String join = money.join(args);
        args.add(unitId);
        String existed = money.existed(args);
        String condition = "p.unit_id = ? AND " + existed;
        if (after != null) {
            condition += " AND p.first_position > ?";
            args.add(cursor(after, 1)[0]);
        }
        args.add(limit + 1);
        List<ProjectRow> rows = jdbc.query(select + " FROM budget_project p" + join + " WHERE " + condition
                + " ORDER BY p.first_position LIMIT ?", (rs, i) -> {
                    FigureSql.Money m = FigureSql.read(rs, 3);
                    int next = 3 + FigureSql.COLUMNS;
                    return new ProjectRow(rs.getString(1), rs.getString(2), Allocations.total(m.amounts()), m.amounts(), m.execution(),
                            m.budget(), rs.getInt(next), rs.getLong(next + 1), m.projects() == 0, rs.getLong(next + 2));
                }, args.toArray());
        return page(rows, limit, r -> Long.toString(r.firstPosition()));
    }

    /**
     * A project with its money, goal, indicators and their results, read in one snapshot;
     * as of a position, every part is the history row at or before it.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Optional<ProjectDetail> project(String projectId, FigureTime when) {
        Long at = when.position();
        if (at == null) {
            Map<String, ProjectDetail.Builder> found = new LinkedHashMap<>();
            List<Object> args = new ArrayList<>();
            FigureSql money = new FigureSql("p", "project_id", when, lateral);
            String join = money.join(args);
            args.add(projectId);
            jdbc.query("SELECT p.project_id, p.unit_id, p.department_id, p.name, p.goal, p.version, p.withdrawn, "
                    + money.columns() + ", i.no, i.level1, i.level2, i.name, i.period_target, i.annual_target "
                    + "FROM budget_project p" + join + " LEFT JOIN budget_indicator i ON i.project_id = p.project_id WHERE p.project_id = ? "
                    + "ORDER BY i.no",
                    rs -> {
                        ProjectDetail.Builder project = found.get(projectId);
                        if (project == null) {
                            project = readProject(rs);
                            found.put(projectId, project);
                        }
                        int indicator = 8 + FigureSql.COLUMNS;
                        if (rs.getObject(indicator) != null) {
                            project.indicators().add(indicator(rs, indicator));
                        }
                    }, args.toArray());
            if (!found.isEmpty()) {
                results("p.project_id = ?", null, projectId, found);
            }
            return found.values().stream().map(ProjectDetail.Builder::build).findFirst();
        }
        List<Object> args = new ArrayList<>(List.of(at, at));
        FigureSql money = new FigureSql("p", "project_id", when, lateral);
        String join = money.join(args);
        args.add(projectId);
        String existed = money.existed(args);
        Optional<ProjectDetail.Builder> project = jdbc.query("SELECT p.project_id, p.unit_id, p.department_id, p.name, " + GOAL_AT + ", "
                        + VERSION_AT + ", FALSE, " + money.columns() + " FROM budget_project p" + join + " WHERE p.project_id = ? AND " + existed,
                (rs, i) -> readProject(rs), args.toArray()).stream().findFirst();
        project.ifPresent(p -> p.indicators().addAll(jdbc.query("SELECT i.no, i.level1, i.level2, i.name, i.period_target, i.annual_target "
                + "FROM indicator_history i WHERE i.project_id = ? AND " + LATEST_INDICATOR + " ORDER BY i.no",
                (rs, i) -> indicator(rs, 1), projectId, at)));
        project.ifPresent(p -> results("p.project_id = ?", at, projectId, Map.of(projectId, p)));
        return project.map(ProjectDetail.Builder::build);
    }

    /**
     * Every project of a department with its goal and indicators, by unit in the
     * document's order — what an export needs, in two statements.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Map<String, List<ProjectDetail>> projectDetailsOf(String departmentId, FigureTime when) {
        Long at = when.position();
        List<Object> args = new ArrayList<>();
        FigureSql money = new FigureSql("p", "project_id", when, lateral);
        if (at != null) {
            args.addAll(List.of(at, at));
        }
        String join = money.join(args);
        args.add(departmentId);
        String existed = money.existed(args);
        Map<String, ProjectDetail.Builder> projects = new LinkedHashMap<>();
        jdbc.query("SELECT p.project_id, p.unit_id, p.department_id, p.name, " + (at == null ? "p.goal, p.version, p.withdrawn" : GOAL_AT + ", "
                        + VERSION_AT + ", FALSE") + ", " + money.columns() + " FROM budget_project p" + join
                        + " WHERE p.department_id = ? AND " + existed + " ORDER BY p.first_position",
                rs -> {
                    ProjectDetail.Builder project = readProject(rs);
                    projects.put(project.projectId(), project);
                }, args.toArray());
        String indicators = at == null
                ? "SELECT i.project_id, i.no, i.level1, i.level2, i.name, i.period_target, i.annual_target FROM budget_indicator i "
                        + "JOIN budget_project p ON p.project_id = i.project_id WHERE p.department_id = ? ORDER BY i.project_id, i.no"
                : "SELECT i.project_id, i.no, i.level1, i.level2, i.name, i.period_target, i.annual_target FROM indicator_history i "
                        + "JOIN budget_project p ON p.project_id = i.project_id WHERE p.department_id = ? AND " + LATEST_INDICATOR
                        + " ORDER BY i.project_id, i.no";
        jdbc.query(indicators, rs -> {
            ProjectDetail.Builder project = projects.get(rs.getString(1));
            if (project != null) {
                project.indicators().add(indicator(rs, 2));
            }
        }, at == null ? new Object[] {departmentId} : new Object[] {departmentId, at});
        results("p.department_id = ?", at, departmentId, projects);
        Map<String, List<ProjectDetail>> byUnit = new LinkedHashMap<>();
        projects.values().forEach(p -> byUnit.computeIfAbsent(p.unitId(), u -> new ArrayList<>()).add(p.build()));
        return byUnit;
    }

    /**
     * The indicator results of the projects {@code which} selects ({@code p}, one parameter), now or
     * as of a position: for each indicator and period the latest report, unless its
     * indicator was removed since (a history row without {@code actual}).
     */
    private void results(String which, Long at, Object parameter, Map<String, ProjectDetail.Builder> projects) {
        // from the projects to their results, so that a department's are index lookups under its projects, not a scan of all results
        String sql = "SELECT r.project_id, r.no, r.period, r.actual, r.reported_on, r.position FROM budget_project p JOIN "
                + (at == null ? "indicator_result r ON r.project_id = p.project_id WHERE " + which
                        : "result_history r ON r.project_id = p.project_id WHERE " + which
                                + " AND r.position = (SELECT MAX(z.position) FROM result_history z WHERE z.project_id = r.project_id "
                                + "AND z.no = r.no AND z.period = r.period AND z.position <= ?) AND r.actual IS NOT NULL");
        jdbc.query(sql, rs -> {
            ProjectDetail.Builder project = projects.get(rs.getString(1));
            if (project != null) {
                project.result(rs.getInt(2), ResultPeriod.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getLong(6));
            }
        }, at == null ? new Object[] {parameter} : new Object[] {parameter, at});
    }

    /** The indicator's row as of the position, unless that row removed it. */
    private static final String LATEST_INDICATOR = "i.position = (SELECT MAX(z.position) FROM indicator_history z "
            + "WHERE z.project_id = i.project_id AND z.no = i.no AND z.position <= ?) AND i.removed = FALSE";
    private static final String GOAL_AT = "(SELECT g.goal FROM goal_history g WHERE g.project_id = p.project_id AND g.position <= ? "
            + "ORDER BY g.position DESC LIMIT 1)";
    private static final String VERSION_AT = "(SELECT j.sequence_number FROM ledger_journal j WHERE j.aggregate_id = p.project_id "
            + "AND j.position <= ? ORDER BY j.position DESC LIMIT 1)";
    private static final String INDICATORS_AT = "(SELECT COUNT(*) FROM indicator_history i WHERE i.project_id = p.project_id AND "
            + LATEST_INDICATOR + ")";

    private static ProjectDetail.Builder readProject(ResultSet rs) throws SQLException {
        FigureSql.Money money = FigureSql.read(rs, 8);
        return new ProjectDetail.Builder(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                money.amounts(), money.spent(), money.original(), rs.getLong(6), rs.getBoolean(7) || money.projects() == 0);
    }

    private static ProjectDetail.Indicator indicator(ResultSet rs, int first) throws SQLException {
        return ProjectDetail.Indicator.of(rs.getInt(first), rs.getString(first + 1), rs.getString(first + 2), rs.getString(first + 3),
                rs.getString(first + 4), rs.getString(first + 5));
    }

    private List<DepartmentTotals> departmentsWhere(FigureTime when, String condition, String order, int limit, List<Object> conditionArgs) {
        List<Object> args = new ArrayList<>();
        FigureSql money = new FigureSql("d", "department_id", when, lateral);
        String declared = money.declared();
        money.declaredArgs(args);
        String join = money.join(args);
        String existed = money.existed(args);
        args.addAll(conditionArgs);
        args.add(limit);
        return jdbc.query("SELECT d.department_id, d.name, d.fiscal_year, " + declared + ", d.first_position, " + money.columns()
                + " FROM budget_department d" + join + " WHERE " + existed + " AND " + condition + " ORDER BY " + order + " LIMIT ?",
                (rs, i) -> {
                    BigDecimal declaredTotal = canonicalOrNull(rs.getBigDecimal(4));
                    FigureSql.Money m = FigureSql.read(rs, 6);
                    BigDecimal computed = Allocations.total(m.amounts());
                    return new DepartmentTotals(rs.getString(1), rs.getString(2), rs.getInt(3), declaredTotal, computed,
                            variance(computed, declaredTotal), documentVariance(declaredTotal, m.budget()), m.budget(), m.amounts(), m.execution(), rs.getLong(5));
                }, args.toArray());
    }

    private Page<UnitTotals> unitsPage(FigureTime when, String condition, List<Object> args, String after, int limit) {
        if (after != null) {
            condition += " AND u.first_position > ?";
            args.add(cursor(after, 1)[0]);
        }
        return page(unitsWhere(when, condition, args, limit + 1), limit, u -> Long.toString(u.firstPosition()));
    }

    private List<UnitTotals> unitsWhere(FigureTime when, String condition, List<Object> conditionArgs, int limit) {
        List<Object> args = new ArrayList<>();
        FigureSql money = new FigureSql("u", "unit_id", when, lateral);
        String declared = money.declared();
        money.declaredArgs(args);
        String join = money.join(args);
        String existed = money.existed(args);
        args.addAll(conditionArgs);
        args.add(limit);
        RowMapper<UnitTotals> mapper = (rs, i) -> {
            BigDecimal declaredTotal = canonicalOrNull(rs.getBigDecimal(4));
            FigureSql.Money m = FigureSql.read(rs, 6);
            BigDecimal computed = Allocations.total(m.amounts());
            return new UnitTotals(rs.getString(1), rs.getString(2), rs.getString(3), declaredTotal, computed,
                    variance(computed, declaredTotal), documentVariance(declaredTotal, m.budget()), m.budget(), (int) m.projects(), m.amounts(), m.execution(), rs.getLong(5));
        };
        return jdbc.query("SELECT u.unit_id, u.department_id, u.name, " + declared + ", u.first_position, " + money.columns()
                + " FROM budget_unit u" + join + " WHERE " + existed + " AND " + condition + " ORDER BY u.first_position LIMIT ?",
                mapper, args.toArray());
    }

    private static <T> Page<T> page(List<T> rows, int limit, Function<T, String> cursor) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(List.copyOf(items), cursor.apply(items.get(limit - 1)));
    }

    /** A cursor of {@code parts} whole numbers separated by dots; anything else is refused. */
    private static long[] cursor(String after, int parts) {
        String[] pieces = after.split("\\.", -1);
        if (pieces.length != parts) {
            throw new InvalidCursor();
        }
        long[] values = new long[parts];
        for (int i = 0; i < parts; i++) {
            try {
                values[i] = Long.parseLong(pieces[i]);
            } catch (NumberFormatException e) {
                throw new InvalidCursor();
            }
        }
        return values;
    }

    private static BigDecimal canonicalOrNull(BigDecimal amount) {
        return amount == null ? null : Amounts.canonical(amount);
    }

    /**
     * The document's own disagreement: declared − what its rows add up to (the original
     * budget, which an adjustment since does not move); null while nothing is declared.
     */
    private static BigDecimal documentVariance(BigDecimal declared, Budget budget) {
        return declared == null ? null : Amounts.canonical(declared.subtract(budget.originalTotal()));
    }

    /** computed − declared; null while nothing is declared. */
    private static BigDecimal variance(BigDecimal computed, BigDecimal declared) {
        return declared == null ? null : Amounts.canonical(computed.subtract(declared));
    }
}
