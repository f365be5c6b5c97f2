package org.publicbudget.ledger.app.audit;

import java.util.List;
import org.publicbudget.ledger.app.infrastructure.http.RequestFields;
import org.publicbudget.ledger.query.audit.DepartmentSearch;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The auditors' search box: a department's projects by name, payments by voucher, changes by 文号. */
@RestController
public class SearchController {

    private final DepartmentSearch search;

    public SearchController(DepartmentSearch search) {
        this.search = search;
    }

    @GetMapping("/api/v1/departments/{departmentId}/search")
    public List<DepartmentSearch.Match> search(@PathVariable String departmentId, @RequestParam String q) {
        return search.find(departmentId, RequestFields.limited("q", q, 100));
    }
}
