package org.publicbudget.ledger.app.feed;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.publicbudget.ledger.app.infrastructure.http.InvalidRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The ledger's events for the systems that follow it (a data warehouse, the
 * transparency portal, a finance system's own copy, an auditor's re-verification):
 * {@code GET /api/v1/events} a page at a time, {@code GET /api/v1/events/stream} as
 * Server-Sent Events. For the FEED role and auditors; an account given departments
 * ({@code LEDGER_SECURITY_USERS_{i}_DEPARTMENTS}) sees only theirs.
 */
@RestController
@RequestMapping("/api/v1/events")
class FeedController {

    static final int MAX_LIMIT = 1_000;
    /** More names than any reader needs, few enough that a query never carries thousands of them. */
    static final int MAX_NAMES = 100;

    private final EventFeed feed;
    private final FeedStreams streams;
    private final FeedScopes scopes;

    FeedController(EventFeed feed, FeedStreams streams, FeedScopes scopes) {
        this.feed = feed;
        this.streams = streams;
        this.scopes = scopes;
    }

    /**
     * Events after a position, in store order, at most {@code limit} (default and most
     * {@value #MAX_LIMIT}); the next page's address in {@code Link: rel="next"}, also
     * when this one is empty: the feed goes on as the ledger does.
     */
    @GetMapping
    ResponseEntity<FeedPage> page(@RequestParam(required = false) Long after, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) List<String> department, @RequestParam(required = false) Integer fiscalYear,
            @RequestParam(required = false) List<String> type, @RequestParam(required = false) String aggregateId,
            Authentication user, HttpServletRequest request) {
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw new InvalidRequest("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        FeedPage page = feed.page(position(after, "after"), limit == null ? MAX_LIMIT : limit,
                filter(department, fiscalYear, type, aggregateId, user));
        String next = UriComponentsBuilder.fromPath(request.getRequestURI()).query(request.getQueryString())
                .replaceQueryParam("after", page.next()).build().toUriString();
        return ResponseEntity.ok().header("Link", "<" + next + ">; rel=\"next\"").header("Ledger-Complete-Up-To",
                Long.toString(page.completeUpTo())).body(page);
    }

    /**
     * The same events as they are committed, as Server-Sent Events: each {@code id} a
     * position, so that a client reconnecting with {@code Last-Event-ID} resumes right
     * after the last it received; a comment line every few seconds while nothing happens.
     */
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    void stream(@RequestParam(required = false) Long after, @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            @RequestParam(required = false) List<String> department, @RequestParam(required = false) Integer fiscalYear,
            @RequestParam(required = false) List<String> type, @RequestParam(required = false) String aggregateId,
            Authentication user, HttpServletRequest request, HttpServletResponse response) throws IOException {
        long from = position(after, "after");
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                from = Math.max(from, Long.parseLong(lastEventId.strip()));
            } catch (NumberFormatException e) {
                throw new InvalidRequest("Last-Event-ID", "Last-Event-ID must be the position of the last event received");
            }
        }
        streams.open(user.getName(), from, filter(department, fiscalYear, type, aggregateId, user), request, response);
    }

    private FeedFilter filter(List<String> departments, Integer fiscalYear, List<String> types, String aggregateId, Authentication user) {
        if (departments != null && departments.size() > MAX_NAMES) {
            throw new InvalidRequest("department", "at most " + MAX_NAMES + " departments at once");
        }
        if (types != null && types.size() > MAX_NAMES) {
            throw new InvalidRequest("type", "at most " + MAX_NAMES + " types at once");
        }
        return new FeedFilter(departments, fiscalYear, types, aggregateId, scopes.of(user));
    }

    private static long position(Long given, String field) {
        if (given != null && given < 0) {
            throw new InvalidRequest(field, field + " must be a position in the event store: 0 or more");
        }
        return given == null ? 0 : given;
    }
}
