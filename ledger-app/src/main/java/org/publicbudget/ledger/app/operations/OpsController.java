package org.publicbudget.ledger.app.operations;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.publicbudget.ledger.app.infrastructure.http.ApiProblems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operator views of the event store and its processors, and read model rebuilds. */
@RestController
@RequestMapping("/api/v1/ops")
public class OpsController {

    /** Why a rebuild was asked for; optional, kept with its record. */
    public record RebuildRequest(String reason) {
    }

    private final JdbcTemplate jdbc;
    private final ProcessorStatusReader processors;
    private final ProcessorControl control;
    private final Rebuilds rebuilds;

    public OpsController(JdbcTemplate jdbc, ProcessorStatusReader processors, ProcessorControl control, Rebuilds rebuilds) {
        this.jdbc = jdbc;
        this.processors = processors;
        this.control = control;
        this.rebuilds = rebuilds;
    }

    /** How many events the store holds and the position of the newest (0 when empty). */
    @GetMapping("/stats")
    public Map<String, Long> stats() {
        return jdbc.queryForObject("SELECT COUNT(*), COALESCE(MAX(globalIndex), 0) FROM domainevententry",
                (rs, i) -> Map.of("events", rs.getLong(1), "headPosition", rs.getLong(2)));
    }

    @GetMapping("/processors")
    public List<ProcessorStatus> processors() {
        return processors.names().stream().map(name -> processors.status(name, control.eventsPerSecond())).toList();
    }

    @GetMapping("/processors/{name}")
    public ResponseEntity<Object> processor(@PathVariable String name) {
        if (!processors.exists(name)) {
            return noSuchProcessor(name);
        }
        return ResponseEntity.ok(processors.status(name, control.eventsPerSecond()));
    }

    /**
     * Starts a rebuild on every node (202); its progress shows on the processor and at
     * the Location given. 409 while another rebuild of the same processor runs.
     */
    @PostMapping("/processors/{name}/rebuild")
    public ResponseEntity<Object> rebuild(@PathVariable String name, @RequestBody(required = false) RebuildRequest request,
            Principal who) {
        if (!processors.exists(name)) {
            return noSuchProcessor(name);
        }
        String reason = request == null ? null : request.reason();
        return rebuilds.request(name, who.getName(), reason)
                .<ResponseEntity<Object>>map(rebuild -> ResponseEntity.accepted()
                        .location(URI.create("/api/v1/ops/processors/" + name + "/rebuilds/" + rebuild.id())).body(rebuild))
                .orElseGet(() -> ApiProblems.problem(HttpStatus.CONFLICT, "Conflict",
                        "a rebuild of " + name + " is under way; wait for it to finish", "name"));
    }

    @GetMapping("/processors/{name}/rebuilds/{id}")
    public ResponseEntity<Object> rebuildOf(@PathVariable String name, @PathVariable long id) {
        return rebuilds.find(name, id).<ResponseEntity<Object>>map(ResponseEntity::ok)
                .orElseGet(() -> ApiProblems.problem(HttpStatus.NOT_FOUND, "Not found", "no rebuild " + id + " of " + name, "id"));
    }

    private static ResponseEntity<Object> noSuchProcessor(String name) {
        return ApiProblems.problem(HttpStatus.NOT_FOUND, "Not found", "no event processor named " + name, "name");
    }
}
