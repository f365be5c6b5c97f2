package org.publicbudget.ledger.app.ops;

import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operator views of the event store itself. */
@RestController
@RequestMapping("/api/v1/ops")
public class OpsController {

    private final JdbcTemplate jdbc;

    public OpsController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** How many events the store holds and the position of the newest (0 when empty). */
    @GetMapping("/stats")
    public Map<String, Long> stats() {
        return jdbc.queryForObject("SELECT COUNT(*), COALESCE(MAX(globalIndex), 0) FROM domainevententry",
                (rs, i) -> Map.of("events", rs.getLong(1), "headPosition", rs.getLong(2)));
    }
}
