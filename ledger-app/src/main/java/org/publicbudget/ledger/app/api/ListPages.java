package org.publicbudget.ledger.app.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.publicbudget.ledger.query.totals.Page;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.UriComponentsBuilder;

/** How every list answers: pages of at most {@value Page#MAX_LIMIT}, the next page's address in a {@code Link} header. */
final class ListPages {

    private ListPages() {
    }

    static int limit(Integer limit) {
        if (limit != null && (limit < 1 || limit > Page.MAX_LIMIT)) {
            throw new InvalidRequest("limit", "limit must be between 1 and " + Page.MAX_LIMIT + "; ask for the next page with after");
        }
        return limit == null ? Page.MAX_LIMIT : limit;
    }

    /** The page as a JSON array; the address of the next one in a {@code Link} header (relative, so no Host is echoed). */
    static <T> ResponseEntity<List<T>> paged(HttpServletRequest request, Page<T> page) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        if (page.next() != null) {
            String next = UriComponentsBuilder.fromPath(request.getRequestURI()).query(request.getQueryString())
                    .replaceQueryParam("after", page.next()).build().toUriString();
            answer.header("Link", "<" + next + ">; rel=\"next\"");
        }
        return answer.body(page.items());
    }
}
