package org.publicbudget.ledger.app.audit.exports;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.publicbudget.ledger.query.totals.queries.Page;
import org.publicbudget.ledger.query.totals.queries.DepartmentTotals;
import org.publicbudget.ledger.query.totals.queries.FigureTime;
import org.publicbudget.ledger.query.totals.queries.ProjectDetail;
import org.publicbudget.ledger.query.totals.queries.TotalsQueries;
import org.publicbudget.ledger.query.totals.queries.UnitTotals;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** The department's table as of a moment, from the read models: a few statements, whatever the size of the store. */
@Service
public class DepartmentReports {

    /** A department has a few dozen units; more than this many is not a budget table. */
    private static final int MOST_UNITS = Page.MAX_LIMIT;

    private final TotalsQueries totals;

    public DepartmentReports(TotalsQueries totals) {
        this.totals = totals;
    }

    /** {@code at}: the figures as recorded by a position (or now), effective by a budget day (or whenever). One snapshot: the totals and the rows agree. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Optional<DepartmentTable> table(String departmentId, FigureTime at) {
        return totals.department(departmentId, at).map(department -> {
            List<UnitTotals> units = totals.unitsOf(departmentId, at, null, MOST_UNITS).items();
            Map<String, List<ProjectDetail>> projects = totals.projectDetailsOf(departmentId, at);
            return DepartmentTable.of(department, units, projects);
        });
    }

    public Optional<DepartmentTotals> department(String departmentId, FigureTime at) {
        return totals.department(departmentId, at);
    }

    /** The department's execution and results as of {@code at}, in one snapshot. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Optional<SelfEvaluation> selfEvaluation(String departmentId, FigureTime at) {
        return totals.department(departmentId, at).map(department -> SelfEvaluation.of(department,
                totals.unitsOf(departmentId, at, null, MOST_UNITS).items(), totals.projectDetailsOf(departmentId, at)));
    }
}
