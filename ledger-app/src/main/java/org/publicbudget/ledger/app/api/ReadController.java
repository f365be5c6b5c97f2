package org.publicbudget.ledger.app.api;

import java.util.List;
import org.publicbudget.ledger.query.audit.AuditTrail;
import org.publicbudget.ledger.query.audit.Trail;
import org.publicbudget.ledger.query.totals.DepartmentTotals;
import org.publicbudget.ledger.query.totals.ProjectDetail;
import org.publicbudget.ledger.query.totals.ProjectRow;
import org.publicbudget.ledger.query.totals.TotalsQueries;
import org.publicbudget.ledger.query.totals.UnitTotals;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reads for auditors: departments, units and projects with declared, computed and
 * variance, and the trail behind each total. Read models follow the event store
 * within moments of a write; trails come from the event store itself.
 */
@RestController
@RequestMapping("/api/v1")
public class ReadController {

    private final TotalsQueries totals;
    private final AuditTrail trails;

    public ReadController(TotalsQueries totals, AuditTrail trails) {
        this.totals = totals;
        this.trails = trails;
    }

    @GetMapping("/departments")
    public List<DepartmentTotals> departments() {
        return totals.departments();
    }

    @GetMapping("/departments/{departmentId}")
    public DepartmentTotals department(@PathVariable String departmentId) {
        return totals.department(departmentId).orElseThrow(() -> NotFound.of("department", departmentId));
    }

    @GetMapping("/departments/{departmentId}/units")
    public List<UnitTotals> unitsOf(@PathVariable String departmentId) {
        department(departmentId);
        return totals.unitsOf(departmentId);
    }

    @GetMapping("/units")
    public List<UnitTotals> units() {
        return totals.units();
    }

    @GetMapping("/units/{unitId}")
    public UnitTotals unit(@PathVariable String unitId) {
        return totals.unit(unitId).orElseThrow(() -> NotFound.of("unit", unitId));
    }

    @GetMapping("/units/{unitId}/projects")
    public List<ProjectRow> projectsOf(@PathVariable String unitId) {
        unit(unitId);
        return totals.projectsOf(unitId);
    }

    /** The ETag is the project's version, for clients that send it back as If-Match. */
    @GetMapping("/projects/{projectId}")
    public ResponseEntity<ProjectDetail> project(@PathVariable String projectId) {
        ProjectDetail project = totals.project(projectId).orElseThrow(() -> NotFound.of("project", projectId));
        return ResponseEntity.ok().eTag(Long.toString(project.version())).body(project);
    }

    @GetMapping("/projects/{projectId}/trail")
    public Trail projectTrail(@PathVariable String projectId) {
        return trails.ofProject(projectId).orElseThrow(() -> NotFound.of("project", projectId));
    }

    @GetMapping("/units/{unitId}/trail")
    public Trail unitTrail(@PathVariable String unitId) {
        return trails.ofUnit(unitId).orElseThrow(() -> NotFound.of("unit", unitId));
    }

    @GetMapping("/departments/{departmentId}/trail")
    public Trail departmentTrail(@PathVariable String departmentId) {
        return trails.ofDepartment(departmentId).orElseThrow(() -> NotFound.of("department", departmentId));
    }
}
