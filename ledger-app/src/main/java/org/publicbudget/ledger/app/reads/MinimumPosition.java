package org.publicbudget.ledger.app.reads;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.publicbudget.ledger.app.infrastructure.http.InvalidRequest;
import org.publicbudget.ledger.app.infrastructure.replication.DatabaseRoles;
import org.publicbudget.ledger.app.infrastructure.replication.ReadSource;
import org.publicbudget.ledger.query.history.EventReader;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * {@code ?minPosition=P} on any read: the answer waits until the read models hold the
 * event at position P — the {@code Ledger-Position} of a write the client has seen — and
 * comes from them only then; if they do not get there in time, 503 with Retry-After,
 * never older figures.
 */
@Configuration
public class MinimumPosition implements HandlerInterceptor, WebMvcConfigurer {

    public static final String PARAMETER = "minPosition";

    private final ReadModelProgress progress;
    private final EventReader events;
    private final DatabaseRoles roles;

    public MinimumPosition(ReadModelProgress progress, EventReader events, DatabaseRoles roles) {
        this.progress = progress;
        this.events = events;
        this.roles = roles;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String given = request.getParameter(PARAMETER);
        if (given == null || !(request.getMethod().equals("GET") || request.getMethod().equals("HEAD"))) {
            return true;
        }
        long position;
        try {
            position = Long.parseLong(given);
        } catch (NumberFormatException e) {
            throw new InvalidRequest(PARAMETER, PARAMETER + " must be a position in the event store: a whole number");
        }
        if (position < 0) {
            throw new InvalidRequest(PARAMETER, PARAMETER + " must not be negative");
        }
        if (position > 0) {
            long head = events.head();
            // the standby may not hold it yet: beyond the newest event is the primary's to say, or, with it away, a wait's
            if (position > head && ReadSource.onReplica()) {
                head = roles.primaryWritable() ? ReadSource.fromPrimary(events::head) : position;
            }
            if (position > head) {
                throw new InvalidRequest(PARAMETER, PARAMETER + " " + position + " is beyond the newest event in the store (" + head + ")");
            }
            progress.awaitPosition(position);
        }
        return true;
    }
}
