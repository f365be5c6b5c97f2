package org.publicbudget.ledger.app.reads;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.publicbudget.ledger.app.infrastructure.http.InvalidRequest;
import org.publicbudget.ledger.query.audit.TrailPage;
import org.publicbudget.ledger.query.totals.queries.Page;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.UriComponentsBuilder;

/** How every list answers: pages of at most {@value Page#MAX_LIMIT}, the next page's address in a {@code Link} header. */
public final class ListPages {

    private ListPages() {
    }

    public static int limit(Integer limit) {
        if (limit != null && (limit < 1 || limit > Page.MAX_LIMIT)) {
            throw new InvalidRequest("limit", "limit must be between 1 and " + Page.MAX_LIMIT + "; ask for the next page with after");
        }
        return limit == null ? Page.MAX_LIMIT : limit;
    }

    /** The page as a JSON array; the address of the next one in a {@code Link} header (relative, so no Host is echoed). */
    public static <T> ResponseEntity<List<T>> paged(HttpServletRequest request, Page<T> page) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        if (page.next() != null) {
            String next = UriComponentsBuilder.fromPath(request.getRequestURI()).query(request.getQueryString())
                    .replaceQueryParam("after", page.next()).build().toUriString();
            answer.header("Link", "<" + next + ">; rel=\"next\"");
        }
        return answer.body(page.items());
    }

    /** A page of a trail: after a position, at most {@code limit} entries. */
    public static TrailPage trail(Long after, Integer limit) {
        if (after != null && after < 0) {
            throw new InvalidRequest("after", "after must not be negative");
        }
        if (limit != null && (limit < 1 || limit > TrailPage.MAX_LIMIT)) {
            throw new InvalidRequest("limit", "limit must be between 1 and " + TrailPage.MAX_LIMIT);
        }
        return new TrailPage(after == null ? 0 : after, limit == null ? TrailPage.MAX_LIMIT : limit);
    }
}
