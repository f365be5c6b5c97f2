package org.publicbudget.ledger.query.totals;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        return departmentsWhere("department_id = ?", departmentId).stream().findFirst();
    }

    public List<UnitTotals> units() {
        return unitsWhere("1 = 1");
    }

    public List<UnitTotals> unitsOf(String departmentId) {
        return unitsWhere("department_id = ?", departmentId);
    }

    public Optional<UnitTotals> unit(String unitId) {
        return unitsWhere("unit_id = ?", unitId).stream().findFirst();
    }

    public List<ProjectRow> projectsOf(String unitId) {
        Map<String, Map<FundingSource, BigDecimal>> allocations = allocationsByKey(
                "SELECT a.project_id, a.funding_source, a.amount FROM project_allocation a "
                        + "JOIN project_summary p ON p.project_id = a.project_id WHERE p.unit_id = ?", unitId);
        return jdbc.query("SELECT project_id, name, indicator_count, version, withdrawn FROM project_summary WHERE unit_id = ? ORDER BY name, project_id",
                (rs, i) -> {
                    Map<FundingSource, BigDecimal> amounts = allocations.getOrDefault(rs.getString(1), zeros());
                    return new ProjectRow(rs.getString(1), rs.getString(2), Allocations.total(amounts), amounts, rs.getInt(3), rs.getLong(4),
                            rs.getBoolean(5));
                }, unitId);
    }

    public Optional<ProjectDetail> project(String projectId) {
        Map<FundingSource, BigDecimal> amounts = allocationsByKey(
                "SELECT project_id, funding_source, amount FROM project_allocation WHERE project_id = ?", projectId)
                .getOrDefault(projectId, zeros());
        List<ProjectDetail.Indicator> indicators = jdbc.query(
                "SELECT no, level1, level2, name, period_target, annual_target FROM project_indicator WHERE project_id = ? ORDER BY no",
                (rs, i) -> ProjectDetail.Indicator.of(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)), projectId);
        return jdbc.query("SELECT project_id, unit_id, department_id, name, goal, version, withdrawn FROM project_summary WHERE project_id = ?",
                (rs, i) -> new ProjectDetail(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        Allocations.total(amounts), amounts, indicators, rs.getLong(6), rs.getBoolean(7)), projectId).stream().findFirst();
    }

    private List<DepartmentTotals> departmentsWhere(String condition, Object... args) {
        Map<String, Map<FundingSource, BigDecimal>> allocations = allocationsByKey(
                "SELECT department_id, funding_source, amount FROM department_allocation WHERE " + condition, args);
        return jdbc.query("SELECT department_id, name, fiscal_year, declared_total FROM department_summary WHERE " + condition
                        + " ORDER BY fiscal_year DESC, name",
                (rs, i) -> {
                    Map<FundingSource, BigDecimal> amounts = allocations.getOrDefault(rs.getString(1), zeros());
                    BigDecimal declared = canonicalOrNull(rs.getBigDecimal(4));
                    BigDecimal computed = Allocations.total(amounts);
                    return new DepartmentTotals(rs.getString(1), rs.getString(2), rs.getInt(3), declared, computed,
                            variance(computed, declared), amounts);
                }, args);
    }

    private List<UnitTotals> unitsWhere(String condition, Object... args) {
        Map<String, Map<FundingSource, BigDecimal>> allocations = allocationsByKey(
                "SELECT unit_id, funding_source, amount FROM unit_allocation WHERE unit_id IN (SELECT unit_id FROM unit_summary WHERE "
                        + condition + ")", args);
        return jdbc.query("SELECT u.unit_id, u.department_id, u.name, u.declared_total, "
                        + "(SELECT COUNT(*) FROM project_summary p WHERE p.unit_id = u.unit_id AND NOT p.withdrawn) "
                        + "FROM unit_summary u WHERE " + condition + " ORDER BY u.name",
                (rs, i) -> {
                    Map<FundingSource, BigDecimal> amounts = allocations.getOrDefault(rs.getString(1), zeros());
                    BigDecimal declared = canonicalOrNull(rs.getBigDecimal(4));
                    BigDecimal computed = Allocations.total(amounts);
                    return new UnitTotals(rs.getString(1), rs.getString(2), rs.getString(3), declared, computed,
                            variance(computed, declared), rs.getInt(5), amounts);
                }, args);
    }

    /** Rows of (key, funding source, amount) folded into one complete map per key. */
    private Map<String, Map<FundingSource, BigDecimal>> allocationsByKey(String sql, Object... args) {
        Map<String, Map<FundingSource, BigDecimal>> result = new HashMap<>();
        jdbc.query(sql, rs -> {
            result.computeIfAbsent(rs.getString(1), k -> zeros())
                    .put(FundingSource.valueOf(rs.getString(2)), Amounts.canonical(rs.getBigDecimal(3)));
        }, args);
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
