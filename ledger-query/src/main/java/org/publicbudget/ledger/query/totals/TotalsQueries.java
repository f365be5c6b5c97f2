package org.publicbudget.ledger.query.totals;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.publicbudget.ledger.domain.money.Allocations;
import org.publicbudget.ledger.domain.money.Amounts;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads of the totals read model. Amounts come back in their canonical form (59.84, not 59.840000). */
@Component
public class TotalsQueries {

    private final JdbcTemplate jdbc;

    public TotalsQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<DepartmentTotals> departments() {
        return departmentsWhere("1 = 1");
    }

    public Optional<DepartmentTotals> department(String departmentId) {
        return departmentsWhere("d.department_id = ?", departmentId).stream().findFirst();
    }

    public List<UnitTotals> units() {
        return unitsWhere("1 = 1");
    }

    public List<UnitTotals> unitsOf(String departmentId) {
        return unitsWhere("u.department_id = ?", departmentId);
    }

    public Optional<UnitTotals> unit(String unitId) {
        return unitsWhere("u.unit_id = ?", unitId).stream().findFirst();
    }

    public List<ProjectRow> projectsOf(String unitId) {
        return withAllocations("SELECT p.project_id, p.name, p.indicator_count, p.version, p.withdrawn, a.funding_source, a.amount "
                        + "FROM project_summary p LEFT JOIN project_allocation a ON a.project_id = p.project_id "
                        + "WHERE p.unit_id = ? ORDER BY p.name, p.project_id",
                rs -> {
                    String projectId = rs.getString(1);
                    String name = rs.getString(2);
                    int indicators = rs.getInt(3);
                    long version = rs.getLong(4);
                    boolean withdrawn = rs.getBoolean(5);
                    return amounts -> new ProjectRow(projectId, name, Allocations.total(amounts), amounts, indicators, version, withdrawn);
                }, unitId);
    }

    /** The project and its amounts come from one statement; its indicators from one just before it. */
    public Optional<ProjectDetail> project(String projectId) {
        List<ProjectDetail.Indicator> indicators = jdbc.query(
                "SELECT no, level1, level2, name, period_target, annual_target FROM project_indicator WHERE project_id = ? ORDER BY no",
                (rs, i) -> ProjectDetail.Indicator.of(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)), projectId);
        return withAllocations("SELECT p.project_id, p.unit_id, p.department_id, p.name, p.goal, p.version, p.withdrawn, a.funding_source, a.amount "
                        + "FROM project_summary p LEFT JOIN project_allocation a ON a.project_id = p.project_id WHERE p.project_id = ?",
                rs -> {
                    String unitId = rs.getString(2);
                    String departmentId = rs.getString(3);
                    String name = rs.getString(4);
                    String goal = rs.getString(5);
                    long version = rs.getLong(6);
                    boolean withdrawn = rs.getBoolean(7);
                    return amounts -> new ProjectDetail(projectId, unitId, departmentId, name, goal, Allocations.total(amounts), amounts,
                            indicators, version, withdrawn);
                }, projectId).stream().findFirst();
    }

    private List<DepartmentTotals> departmentsWhere(String condition, Object... args) {
        return withAllocations("SELECT d.department_id, d.name, d.fiscal_year, d.declared_total, a.funding_source, a.amount "
                        + "FROM department_summary d LEFT JOIN department_allocation a ON a.department_id = d.department_id "
                        + "WHERE " + condition + " ORDER BY d.fiscal_year DESC, d.name, d.department_id",
                rs -> {
                    String departmentId = rs.getString(1);
                    String name = rs.getString(2);
                    int fiscalYear = rs.getInt(3);
                    BigDecimal declared = canonicalOrNull(rs.getBigDecimal(4));
                    return amounts -> {
                        BigDecimal computed = Allocations.total(amounts);
                        return new DepartmentTotals(departmentId, name, fiscalYear, declared, computed, variance(computed, declared), amounts);
                    };
                }, args);
    }

    private List<UnitTotals> unitsWhere(String condition, Object... args) {
        return withAllocations("SELECT u.unit_id, u.department_id, u.name, u.declared_total, COALESCE(c.projects, 0), a.funding_source, a.amount "
                        + "FROM unit_summary u LEFT JOIN unit_allocation a ON a.unit_id = u.unit_id "
                        + "LEFT JOIN (SELECT unit_id, COUNT(*) AS projects FROM project_summary WHERE NOT withdrawn GROUP BY unit_id) c "
                        + "ON c.unit_id = u.unit_id WHERE " + condition + " ORDER BY u.name, u.unit_id",
                rs -> {
                    String unitId = rs.getString(1);
                    String departmentId = rs.getString(2);
                    String name = rs.getString(3);
                    BigDecimal declared = canonicalOrNull(rs.getBigDecimal(4));
                    int projects = rs.getInt(5);
                    return amounts -> {
                        BigDecimal computed = Allocations.total(amounts);
                        return new UnitTotals(unitId, departmentId, name, declared, computed, variance(computed, declared), projects, amounts);
                    };
                }, args);
    }

    /** Reads a record's own columns from the first of its rows; given its amounts, makes the record. */
    @FunctionalInterface
    private interface RecordReader<T> {
        Function<Map<FundingSource, BigDecimal>, T> read(ResultSet rs) throws SQLException;
    }

    /**
     * Runs one statement whose rows are a record's columns followed by one of its
     * amounts ({@code funding_source}, {@code amount}; nulls when it has none), and
     * returns each record once, in the statement's order, with all its amounts. One
     * statement is one snapshot: a list never mixes a moment before the projection's
     * last commit, or a rebuild's switch, with a moment after it.
     */
    private <T> List<T> withAllocations(String sql, RecordReader<T> reader, Object... args) {
        Map<String, Function<Map<FundingSource, BigDecimal>, T>> records = new LinkedHashMap<>();
        Map<String, Map<FundingSource, BigDecimal>> amounts = new HashMap<>();
        jdbc.query(sql, rs -> {
            String key = rs.getString(1);
            if (!records.containsKey(key)) {
                records.put(key, reader.read(rs));
                amounts.put(key, zeros());
            }
            String source = rs.getString("funding_source");
            if (source != null) {
                amounts.get(key).put(FundingSource.valueOf(source), Amounts.canonical(rs.getBigDecimal("amount")));
            }
        }, args);
        List<T> result = new ArrayList<>(records.size());
        records.forEach((key, record) -> result.add(record.apply(amounts.get(key))));
        return result;
    }

    private static Map<FundingSource, BigDecimal> zeros() {
        Map<FundingSource, BigDecimal> amounts = new EnumMap<>(FundingSource.class);
        for (FundingSource source : FundingSource.values()) {
            amounts.put(source, Amounts.canonical(BigDecimal.ZERO));
        }
        return amounts;
    }

    private static BigDecimal canonicalOrNull(BigDecimal amount) {
        return amount == null ? null : Amounts.canonical(amount);
    }

    /** computed − declared; null while nothing is declared. */
    private static BigDecimal variance(BigDecimal computed, BigDecimal declared) {
        return declared == null ? null : Amounts.canonical(computed.subtract(declared));
    }
}
