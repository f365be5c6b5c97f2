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
import org.publicbudget.ledger.query.totals.queries.DepartmentTotals;
import org.publicbudget.ledger.query.totals.queries.FigureTime;
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
 * ISO-8601 instant, or a date for the end of that day in the ledger's zone) or {@code atPosition} (an
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
    private final Moments moments;
    private final ProjectFromEvents fromEvents;
    private final ProjectFreshness freshness;

    public ReadController(TotalsQueries totals, AuditTrail trails, Moments moments, ProjectFromEvents fromEvents,
            ProjectFreshness freshness) {
        this.totals = totals;
        this.trails = trails;
        this.moments = moments;
        this.fromEvents = fromEvents;
        this.freshness = freshness;
    }

    @GetMapping("/departments")
    public ResponseEntity<List<DepartmentTotals>> departments(@RequestParam(required = false) String asOf,
            @RequestParam(required = false) Long atPosition, @RequestParam(required = false) String effectiveOn,
            @RequestParam(required = false) String after, @RequestParam(required = false) Integer limit, HttpServletRequest request) {
        return ListPages.paged(request, totals.departments(moments.figures(asOf, atPosition, effectiveOn), after, ListPages.limit(limit)));
    }

    @GetMapping("/departments/{departmentId}")
    public DepartmentTotals department(@PathVariable String departmentId, @RequestParam(required = false) String asOf,
            @RequestParam(required = false) Long atPosition, @RequestParam(required = false) String effectiveOn) {
        FigureTime when = moments.figures(asOf, atPosition, effectiveOn);
        return totals.department(departmentId, when).orElseThrow(() -> missing("department", departmentId, when));
    }

    @GetMapping("/departments/{departmentId}/units")
    public ResponseEntity<List<UnitTotals>> unitsOf(@PathVariable String departmentId, @RequestParam(required = false) String asOf,
            @RequestParam(required = false) Long atPosition, @RequestParam(required = false) String effectiveOn,
            @RequestParam(required = false) String after, @RequestParam(required = false) Integer limit, HttpServletRequest request) {
        FigureTime at = moments.figures(asOf, atPosition, effectiveOn);
        totals.department(departmentId, at).orElseThrow(() -> missing("department", departmentId, at));
        return ListPages.paged(request, totals.unitsOf(departmentId, at, after, ListPages.limit(limit)));
    }

    @GetMapping("/units")
    public ResponseEntity<List<UnitTotals>> units(@RequestParam(required = false) String asOf, @RequestParam(required = false) Long atPosition,
            @RequestParam(required = false) String effectiveOn, @RequestParam(required = false) String after,
            @RequestParam(required = false) Integer limit, HttpServletRequest request) {
        return ListPages.paged(request, totals.units(moments.figures(asOf, atPosition, effectiveOn), after, ListPages.limit(limit)));
    }

    @GetMapping("/units/{unitId}")
    public UnitTotals unit(@PathVariable String unitId, @RequestParam(required = false) String asOf,
            @RequestParam(required = false) Long atPosition, @RequestParam(required = false) String effectiveOn) {
        FigureTime when = moments.figures(asOf, atPosition, effectiveOn);
        return totals.unit(unitId, when).orElseThrow(() -> missing("unit", unitId, when));
    }

    @GetMapping("/units/{unitId}/projects")
    public ResponseEntity<List<ProjectRow>> projectsOf(@PathVariable String unitId, @RequestParam(required = false) String asOf,
            @RequestParam(required = false) Long atPosition, @RequestParam(required = false) String effectiveOn,
            @RequestParam(required = false) String after, @RequestParam(required = false) Integer limit, HttpServletRequest request) {
        FigureTime at = moments.figures(asOf, atPosition, effectiveOn);
        totals.unit(unitId, at).orElseThrow(() -> missing("unit", unitId, at));
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
            @RequestParam(required = false) Long atPosition, @RequestParam(required = false) String effectiveOn) {
        FigureTime when = moments.figures(asOf, atPosition, effectiveOn);
        Long at = when.position();
        ProjectDetail project = (at != null || when.effectiveOn() != null ? totals.project(projectId, when) : newestOf(projectId))
                .orElseThrow(() -> missingProject(projectId, asOf, at));
        return ResponseEntity.ok().eTag(Long.toString(project.version())).body(project);
    }

    /**
     * A department or unit read as recorded by a moment before the ledger first saw it is
     * not "no such department": it says so (an auditor asking for a fiscal year's end
     * wants {@code effectiveOn}, not {@code asOf}).
     */
    private NotFound missing(String kind, String id, FigureTime when) {
        boolean existsNow = when.position() != null && (kind.equals("department") ? totals.department(id, FigureTime.now())
                : totals.unit(id, FigureTime.now())).isPresent();
        if (!existsNow) {
            return NotFound.of(kind, id);
        }
        return NotFound.named("asOf", "the " + kind + " " + id + " was not yet recorded at that moment; for the figures effective on a "
                + "day of the budget (a fiscal year's end, say) ask with effectiveOn", "所选记录时点（记录截至）之前台账中尚无此"
                + (kind.equals("department") ? "部门" : "预算单位") + "的记录；如需查看某一预算日（例如年末）生效的数字，请使用“生效截至”");
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
        long stored = freshness.storedVersion(projectId);
        if (stored < 0) {
            return Optional.empty();
        }
        Optional<ProjectDetail> shown = totals.project(projectId, FigureTime.now()).filter(row -> row.version() >= stored);
        if (shown.isPresent()) {
            return shown;
        }
        return freshness.awaitVersion(projectId, stored) ? totals.project(projectId, FigureTime.now()) : fromEvents.read(projectId);
    }

    /**
     * A project's total, or with {@code fundingSource} its allocation from that source;
     * with {@code figure=spent} what it spent (from that source), payment by payment. Like
     * the project, its trails of the present show its newest version.
     */
    @GetMapping("/projects/{projectId}/trail")
    public Trail projectTrail(@PathVariable String projectId, @RequestParam(required = false) FundingSource fundingSource,
            @RequestParam(required = false) String figure, @RequestParam(required = false) String asOf,
            @RequestParam(required = false) Long atPosition, @RequestParam(required = false) String effectiveOn,
            @RequestParam(required = false) Long after, @RequestParam(required = false) Integer limit) {
        FigureTime when = moments.figures(asOf, atPosition, effectiveOn);
        Long at = when.position();
        freshness.awaitNewestVersion(projectId, at);
        return trails.ofProject(projectId, figure(figure), fundingSource, at, when.effectiveOn(), ListPages.trail(after, limit))
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
            @RequestParam(required = false) String effectiveOn, @RequestParam(required = false) Long after,
            @RequestParam(required = false) Integer limit) {
        FigureTime when = moments.figures(asOf, atPosition, effectiveOn);
        return trails.ofUnit(unitId, figure(figure), when.position(), when.effectiveOn(), ListPages.trail(after, limit))
                .orElseThrow(() -> NotFound.of("unit", unitId));
    }

    @GetMapping("/departments/{departmentId}/trail")
    public Trail departmentTrail(@PathVariable String departmentId, @RequestParam(required = false) String figure,
            @RequestParam(required = false) String asOf, @RequestParam(required = false) Long atPosition,
            @RequestParam(required = false) String effectiveOn, @RequestParam(required = false) Long after,
            @RequestParam(required = false) Integer limit) {
        FigureTime when = moments.figures(asOf, atPosition, effectiveOn);
        return trails.ofDepartment(departmentId, figure(figure), when.position(), when.effectiveOn(), ListPages.trail(after, limit))
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
        return moments.position(asOf, atPosition);
    }

}
