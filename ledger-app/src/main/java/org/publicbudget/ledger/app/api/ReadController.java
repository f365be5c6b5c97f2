package org.publicbudget.ledger.app.api;

import java.time.Instant;
import java.util.List;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.query.audit.AuditTrail;
import org.publicbudget.ledger.query.audit.IndicatorTrail;
import org.publicbudget.ledger.query.audit.Trail;
import org.publicbudget.ledger.query.audit.TrailPage;
import org.publicbudget.ledger.query.history.LedgerHistory;
import org.publicbudget.ledger.query.history.LedgerState;
import org.publicbudget.ledger.query.history.PointInTime;
import org.publicbudget.ledger.query.totals.DepartmentTotals;
import org.publicbudget.ledger.query.totals.ProjectDetail;
import org.publicbudget.ledger.query.totals.ProjectRow;
import org.publicbudget.ledger.query.totals.TotalsQueries;
import org.publicbudget.ledger.query.totals.UnitTotals;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reads for auditors: departments, units and projects with declared, computed and
 * variance, and the trail behind each figure. Every read accepts {@code asOf} (an
 * ISO-8601 instant, or a date for the end of that day, UTC) or {@code atPosition}
 * (an event-store position) and then answers
 * as the ledger stood at that moment, recomputed from the events recorded up to it;
 * without them it answers from the read models, which follow the event store within
 * moments of a write.
 */
@RestController
@RequestMapping("/api/v1")
public class ReadController {

    private final TotalsQueries totals;
    private final LedgerHistory history;
    private final AuditTrail trails;

    public ReadController(TotalsQueries totals, LedgerHistory history, AuditTrail trails) {
        this.totals = totals;
        this.history = history;
        this.trails = trails;
    }

    @GetMapping("/departments")
    public List<DepartmentTotals> departments(@RequestParam(required = false) String asOf, @RequestParam(required = false) Long atPosition) {
        PointInTime at = at(asOf, atPosition);
        return at.isNow() ? totals.departments() : history.at(at).departments();
    }

    @GetMapping("/departments/{departmentId}")
    public DepartmentTotals department(@PathVariable String departmentId, @RequestParam(required = false) String asOf,
            @RequestParam(required = false) Long atPosition) {
        PointInTime at = at(asOf, atPosition);
        return (at.isNow() ? totals.department(departmentId) : history.department(departmentId, at).department(departmentId))
                .orElseThrow(() -> NotFound.of("department", departmentId));
    }

    @GetMapping("/departments/{departmentId}/units")
    public List<UnitTotals> unitsOf(@PathVariable String departmentId, @RequestParam(required = false) String asOf,
            @RequestParam(required = false) Long atPosition) {
        PointInTime at = at(asOf, atPosition);
        if (at.isNow()) {
            department(departmentId, null, null);
            return totals.unitsOf(departmentId);
        }
        LedgerState state = history.department(departmentId, at);
        state.department(departmentId).orElseThrow(() -> NotFound.of("department", departmentId));
        return state.unitsOf(departmentId);
    }

    @GetMapping("/units")
    public List<UnitTotals> units(@RequestParam(required = false) String asOf, @RequestParam(required = false) Long atPosition) {
        PointInTime at = at(asOf, atPosition);
        return at.isNow() ? totals.units() : history.at(at).units();
    }

    @GetMapping("/units/{unitId}")
    public UnitTotals unit(@PathVariable String unitId, @RequestParam(required = false) String asOf,
            @RequestParam(required = false) Long atPosition) {
        PointInTime at = at(asOf, atPosition);
        return (at.isNow() ? totals.unit(unitId) : departmentOf(unitId, at).unit(unitId)).orElseThrow(() -> NotFound.of("unit", unitId));
    }

    @GetMapping("/units/{unitId}/projects")
    public List<ProjectRow> projectsOf(@PathVariable String unitId, @RequestParam(required = false) String asOf,
            @RequestParam(required = false) Long atPosition) {
        PointInTime at = at(asOf, atPosition);
        if (at.isNow()) {
            unit(unitId, null, null);
            return totals.projectsOf(unitId);
        }
        LedgerState state = departmentOf(unitId, at);
        state.unit(unitId).orElseThrow(() -> NotFound.of("unit", unitId));
        return state.projectsOf(unitId);
    }

    /** The unit's department as of a moment (units never move, so today's read model says which). */
    private LedgerState departmentOf(String unitId, PointInTime at) {
        String departmentId = totals.unit(unitId).orElseThrow(() -> NotFound.of("unit", unitId)).departmentId();
        return history.department(departmentId, at);
    }

    /** The ETag is the project's version, for clients that send it back as If-Match. */
    @GetMapping("/projects/{projectId}")
    public ResponseEntity<ProjectDetail> project(@PathVariable String projectId, @RequestParam(required = false) String asOf,
            @RequestParam(required = false) Long atPosition) {
        PointInTime at = at(asOf, atPosition);
        ProjectDetail project = (at.isNow() ? totals.project(projectId) : history.project(projectId, at))
                .orElseThrow(() -> NotFound.of("project", projectId));
        return ResponseEntity.ok().eTag(Long.toString(project.version())).body(project);
    }

    /** A project's total, or with {@code fundingSource} its allocation from that source. */
    @GetMapping("/projects/{projectId}/trail")
    public Trail projectTrail(@PathVariable String projectId, @RequestParam(required = false) FundingSource fundingSource,
            @RequestParam(required = false) String asOf, @RequestParam(required = false) Long atPosition,
            @RequestParam(required = false) Long after, @RequestParam(required = false) Integer limit) {
        return trails.ofProject(projectId, fundingSource, at(asOf, atPosition), page(after, limit))
                .orElseThrow(() -> NotFound.of("project", projectId));
    }

    @GetMapping("/projects/{projectId}/indicators/{no}/trail")
    public IndicatorTrail indicatorTrail(@PathVariable String projectId, @PathVariable int no,
            @RequestParam(required = false) String asOf, @RequestParam(required = false) Long atPosition) {
        return trails.ofIndicator(projectId, no, at(asOf, atPosition))
                .orElseThrow(() -> NotFound.of("indicator", projectId + "/" + no));
    }

    @GetMapping("/units/{unitId}/trail")
    public Trail unitTrail(@PathVariable String unitId, @RequestParam(required = false) String asOf,
            @RequestParam(required = false) Long atPosition, @RequestParam(required = false) Long after,
            @RequestParam(required = false) Integer limit) {
        return trails.ofUnit(unitId, at(asOf, atPosition), page(after, limit)).orElseThrow(() -> NotFound.of("unit", unitId));
    }

    @GetMapping("/departments/{departmentId}/trail")
    public Trail departmentTrail(@PathVariable String departmentId, @RequestParam(required = false) String asOf,
            @RequestParam(required = false) Long atPosition, @RequestParam(required = false) Long after,
            @RequestParam(required = false) Integer limit) {
        return trails.ofDepartment(departmentId, at(asOf, atPosition), page(after, limit))
                .orElseThrow(() -> NotFound.of("department", departmentId));
    }

    static PointInTime at(String asOf, Long atPosition) {
        Instant instant = asOf == null ? null : Moments.parse("asOf", asOf);
        if (atPosition != null && atPosition < 0) {
            throw new InvalidRequest("atPosition", "atPosition must not be negative");
        }
        return new PointInTime(instant, atPosition);
    }

    private static TrailPage page(Long after, Integer limit) {
        if (after != null && after < 0) {
            throw new InvalidRequest("after", "after must not be negative");
        }
        if (limit != null && (limit < 1 || limit > TrailPage.MAX_LIMIT)) {
            throw new InvalidRequest("limit", "limit must be between 1 and " + TrailPage.MAX_LIMIT);
        }
        return new TrailPage(after == null ? 0 : after, limit == null ? TrailPage.MAX_LIMIT : limit);
    }
}
