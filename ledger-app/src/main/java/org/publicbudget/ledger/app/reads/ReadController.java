package org.publicbudget.ledger.app.reads;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.publicbudget.ledger.app.infrastructure.http.InvalidRequest;
import org.publicbudget.ledger.app.infrastructure.http.NotFound;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.query.audit.AuditTrail;
import org.publicbudget.ledger.query.audit.IndicatorTrail;
import org.publicbudget.ledger.query.audit.Trail;
import org.publicbudget.ledger.query.audit.TrailFigure;
import org.publicbudget.ledger.query.audit.TrailPage;
import org.publicbudget.ledger.query.history.PointInTime;
import org.publicbudget.ledger.query.history.Positions;
import org.publicbudget.ledger.query.totals.queries.DepartmentTotals;
import org.publicbudget.ledger.query.totals.queries.Page;
import org.publicbudget.ledger.query.totals.queries.ProjectDetail;
import org.publicbudget.ledger.query.totals.queries.ProjectFromEvents;
import org.publicbudget.ledger.query.totals.queries.ProjectRow;
import org.publicbudget.ledger.query.totals.queries.TotalsQueries;
import org.publicbudget.ledger.query.totals.queries.UnitTotals;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reads for auditors: departments, units and projects with declared, computed and
 * variance, and the trail behind each figure. Every read accepts {@code asOf} (an
 * ISO-8601 instant, or a date for the end of that day, UTC) or {@code atPosition} (an
 * event-store position) and then answers as the ledger stood at that moment, from the
 * read models' history rows; without them it answers from their current rows. Lists
 * come in pages of at most {@value Page#MAX_LIMIT} ({@code limit}, {@code after}; the
 * next page's address in a {@code Link} header).
 */
@RestController
@RequestMapping("/api/v1")
public class ReadController {

    private final TotalsQueries totals;
    private final AuditTrail trails;
    private final Positions positions;
    private final ProjectFromEvents fromEvents;
    private final ProjectFreshness freshness;

    public ReadController(TotalsQueries totals, AuditTrail trails, Positions positions, ProjectFromEvents fromEvents,
            ProjectFreshness freshness) {
        this.totals = totals;
        this.trails = trails;
        this.positions = positions;
        this.fromEvents = fromEvents;
        this.freshness = freshness;
    }

    @GetMapping("/departments")
    public ResponseEntity<List<DepartmentTotals>> departments(@RequestParam(required = false) String asOf,
            @RequestParam(required = false) Long atPosition, @RequestParam(required = false) String after,
            @RequestParam(required = false) Integer limit, HttpServletRequest request) {
        return ListPages.paged(request, totals.departments(at(asOf, atPosition), after, ListPages.limit(limit)));
    }

    @GetMapping("/departments/{departmentId}")
    public DepartmentTotals department(@PathVariable String departmentId, @RequestParam(required = false) String asOf,
            @RequestParam(required = false) Long atPosition) {
        return totals.department(departmentId, at(asOf, atPosition)).orElseThrow(() -> NotFound.of("department", departmentId));
    }

    @GetMapping("/departments/{departmentId}/units")
    public ResponseEntity<List<UnitTotals>> unitsOf(@PathVariable String departmentId, @RequestParam(required = false) String asOf,
            @RequestParam(required = false) Long atPosition, @RequestParam(required = false) String after,
            @RequestParam(required = false) Integer limit, HttpServletRequest request) {
        Long at = at(asOf, atPosition);
        totals.department(departmentId, at).orElseThrow(() -> NotFound.of("department", departmentId));
        return ListPages.paged(request, totals.unitsOf(departmentId, at, after, ListPages.limit(limit)));
    }

    @GetMapping("/units")
    public ResponseEntity<List<UnitTotals>> units(@RequestParam(required = false) String asOf, @RequestParam(required = false) Long atPosition,
            @RequestParam(required = false) String after, @RequestParam(required = false) Integer limit, HttpServletRequest request) {
        return ListPages.paged(request, totals.units(at(asOf, atPosition), after, ListPages.limit(limit)));
    }

    @GetMapping("/units/{unitId}")
    public UnitTotals unit(@PathVariable String unitId, @RequestParam(required = false) String asOf,
            @RequestParam(required = false) Long atPosition) {
        return totals.unit(unitId, at(asOf, atPosition)).orElseThrow(() -> NotFound.of("unit", unitId));
    }

    @GetMapping("/units/{unitId}/projects")
    public ResponseEntity<List<ProjectRow>> projectsOf(@PathVariable String unitId, @RequestParam(required = false) String asOf,
            @RequestParam(required = false) Long atPosition, @RequestParam(required = false) String after,
            @RequestParam(required = false) Integer limit, HttpServletRequest request) {
        Long at = at(asOf, atPosition);
        totals.unit(unitId, at).orElseThrow(() -> NotFound.of("unit", unitId));
        return ListPages.paged(request, totals.projectsOf(unitId, at, after, ListPages.limit(limit)));
    }

    /**
     * The ETag is the project's version, for clients that send it back as If-Match. A
     * read of the present shows the newest version in the event store, right after the
     * command that made it is answered: it waits for the projection a moment, and when
     * the projection is held up (a rebuild) computes the project from its own events.
     */
    @GetMapping("/projects/{projectId}")
    public ResponseEntity<ProjectDetail> project(@PathVariable String projectId, @RequestParam(required = false) String asOf,
            @RequestParam(required = false) Long atPosition) {
        Long at = at(asOf, atPosition);
        ProjectDetail project = (at != null ? totals.project(projectId, at) : newestOf(projectId))
                .orElseThrow(() -> missingProject(projectId, asOf, at));
        return ResponseEntity.ok().eTag(Long.toString(project.version())).body(project);
    }

    /** A project read as of a moment before it was created is not "no such project": it says when. */
    private NotFound missingProject(String projectId, String asOf, Long at) {
        if (at != null && fromEvents.storedVersion(projectId) >= 0) {
            return NotFound.named(asOf != null ? "asOf" : "atPosition", "project " + projectId + " was not yet recorded at "
                    + (asOf != null ? asOf : "position " + at) + "; it was created later");
        }
        return NotFound.of("project", projectId);
    }

    /** The read model's row if it is at the project's newest version (after waiting a moment), else the project from its events. */
    private Optional<ProjectDetail> newestOf(String projectId) {
        long stored = fromEvents.storedVersion(projectId);
        if (stored < 0) {
            return Optional.empty();
        }
        Optional<ProjectDetail> shown = totals.project(projectId, null).filter(row -> row.version() >= stored);
        if (shown.isPresent()) {
            return shown;
        }
        return freshness.awaitVersion(projectId, stored) ? totals.project(projectId, null) : fromEvents.read(projectId);
    }

    /**
     * A project's total, or with {@code fundingSource} its allocation from that source;
     * with {@code figure=spent} what it spent (from that source), payment by payment. Like
     * the project, its trails of the present show its newest version.
     */
    @GetMapping("/projects/{projectId}/trail")
    public Trail projectTrail(@PathVariable String projectId, @RequestParam(required = false) FundingSource fundingSource,
            @RequestParam(required = false) String figure, @RequestParam(required = false) String asOf,
            @RequestParam(required = false) Long atPosition, @RequestParam(required = false) Long after,
            @RequestParam(required = false) Integer limit) {
        Long at = at(asOf, atPosition);
        freshness.awaitNewestVersion(projectId, at);
        return trails.ofProject(projectId, figure(figure), fundingSource, at, ListPages.trail(after, limit))
                .orElseThrow(() -> missingProject(projectId, asOf, at));
    }

    @GetMapping("/projects/{projectId}/indicators/{no}/trail")
    public IndicatorTrail indicatorTrail(@PathVariable String projectId, @PathVariable int no,
            @RequestParam(required = false) String asOf, @RequestParam(required = false) Long atPosition,
            @RequestParam(required = false) Long after, @RequestParam(required = false) Integer limit) {
        Long at = at(asOf, atPosition);
        freshness.awaitNewestVersion(projectId, at);
        return trails.ofIndicator(projectId, no, at, ListPages.trail(after, limit))
                .orElseThrow(() -> NotFound.of("indicator", projectId + "/" + no));
    }

    @GetMapping("/units/{unitId}/trail")
    public Trail unitTrail(@PathVariable String unitId, @RequestParam(required = false) String figure,
            @RequestParam(required = false) String asOf, @RequestParam(required = false) Long atPosition,
            @RequestParam(required = false) Long after, @RequestParam(required = false) Integer limit) {
        return trails.ofUnit(unitId, figure(figure), at(asOf, atPosition), ListPages.trail(after, limit)).orElseThrow(() -> NotFound.of("unit", unitId));
    }

    @GetMapping("/departments/{departmentId}/trail")
    public Trail departmentTrail(@PathVariable String departmentId, @RequestParam(required = false) String figure,
            @RequestParam(required = false) String asOf, @RequestParam(required = false) Long atPosition,
            @RequestParam(required = false) Long after, @RequestParam(required = false) Integer limit) {
        return trails.ofDepartment(departmentId, figure(figure), at(asOf, atPosition), ListPages.trail(after, limit))
                .orElseThrow(() -> NotFound.of("department", departmentId));
    }

    /** {@code allocated} (the default) or {@code spent}. */
    static TrailFigure figure(String given) {
        if (given == null || given.equals(TrailFigure.ALLOCATED.parameter())) {
            return TrailFigure.ALLOCATED;
        }
        if (given.equals(TrailFigure.SPENT.parameter())) {
            return TrailFigure.SPENT;
        }
        throw new InvalidRequest("figure", "figure must be allocated or spent");
    }

    /** The position a read is as of: null for now. */
    Long at(String asOf, Long atPosition) {
        return positions.of(Moments.pointInTime(asOf, atPosition));
    }

}
