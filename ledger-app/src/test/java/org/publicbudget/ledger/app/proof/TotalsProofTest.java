package org.publicbudget.ledger.app.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.publicbudget.ledger.query.totals.TotalsTables.DEPARTMENT;
import static org.publicbudget.ledger.query.totals.TotalsTables.FIGURE_HISTORY;
import static org.publicbudget.ledger.query.totals.TotalsTables.GOAL_HISTORY;
import static org.publicbudget.ledger.query.totals.TotalsTables.JOURNAL;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.publicbudget.ledger.app.support.SyntheticBudgets;
import org.publicbudget.ledger.app.support.TestDeployment;
import org.publicbudget.ledger.app.support.TestPostgres;
import org.publicbudget.ledger.query.history.EventReader;
import org.publicbudget.ledger.query.readmodel.comparison.Differences;
import org.publicbudget.ledger.query.readmodel.projection.ReadModelCopies;
import org.publicbudget.ledger.query.totals.TotalsProof;
import org.publicbudget.ledger.query.totals.TotalsReadModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The proof of a department reads its events a window at a time and compares each
 * window's history rows as it goes: the same verdict whatever the window, and a
 * changed, missing or extra row is found in any window, the last included.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "ledger.seed.enabled=false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TotalsProofTest {

    private static final TestPostgres.Database DATABASE = TestPostgres.freshSchema();
    private static final int PROJECTS = 60;
    private static final int EVENTS_PER_PROJECT = 12;

    @DynamicPropertySource
    static void deployment(DynamicPropertyRegistry registry) {
        TestDeployment.configure(registry, DATABASE, DATABASE::url);
    }

    @Autowired
    private EventStorageEngine store;

    @Autowired
    private TransactionTemplate transaction;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private EventReader events;

    @Autowired
    private TotalsReadModel model;

    @Autowired
    private EventProcessingConfiguration processing;

    private String copy;
    private String department;
    private long newest;

    @BeforeAll
    void aDepartmentProjectedByTheLiveProcessor() {
        long appended = new SyntheticBudgets(store, transaction).append(PROJECTS, EVENTS_PER_PROJECT);
        copy = ReadModelCopies.active(jdbc, model);
        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT COUNT(*) FROM " + JOURNAL.in(copy)) == appended);
        processing.eventProcessor("totals").ifPresent(EventProcessor::shutDown);
        department = jdbc.queryForObject("SELECT department_id FROM " + DEPARTMENT.in(copy), String.class);
        newest = count("SELECT MAX(globalIndex) FROM domainevententry");
    }

    @Test
    void everyWindowGivesTheSameVerdictAsOneWindow() {
        TotalsProof.Result whole = prove(TotalsProof.EVENTS_PER_WINDOW, -1);
        TotalsProof.Result windows = prove(7, -1);

        assertThat(whole.events()).isEqualTo((long) PROJECTS * EVENTS_PER_PROJECT);
        assertThat(windows.events()).isEqualTo(whole.events());
        assertThat(whole.differences().count()).as(whole.differences().first().toString()).isZero();
        assertThat(windows.differences().count()).as(windows.differences().first().toString()).isZero();
    }

    @Test
    void aChangedAMissingAndAnExtraHistoryRowAreFoundInWhicheverWindowTheyFall() {
        String figures = FIGURE_HISTORY.in(copy);
        String goals = GOAL_HISTORY.in(copy);
        List<Long> moves = jdbc.queryForList("SELECT position FROM " + figures + " WHERE figure_id = ? ORDER BY position", Long.class,
                department);
        long changed = moves.get(moves.size() / 2);
        Map<String, Object> goal = jdbc.queryForMap("SELECT project_id, position FROM " + goals + " ORDER BY position OFFSET "
                + PROJECTS / 3 + " LIMIT 1");
        long extra = newest + 1_000;

        Differences differences = transaction.execute(status -> {
            jdbc.update("UPDATE " + figures + " SET projects = projects + 1 WHERE figure_id = ? AND position = ?", department, changed);
            jdbc.update("DELETE FROM " + goals + " WHERE project_id = ? AND position = ?", goal.get("project_id"), goal.get("position"));
            jdbc.execute("CREATE TEMPORARY TABLE later_row AS SELECT * FROM " + figures + " WHERE figure_id = '" + department
                    + "' AND position = " + moves.get(0));
            jdbc.update("UPDATE later_row SET position = ?", extra);
            jdbc.update("INSERT INTO " + figures + " SELECT * FROM later_row");
            Differences found = prove(7, newest).differences();
            status.setRollbackOnly();
            return found;
        });

        assertThat(differences.first()).extracting(d -> d.table() + " " + d.key() + " " + (d.expected() != null) + " " + (d.found() != null))
                .containsExactlyInAnyOrder(
                        "figure_history " + department + " | " + changed + " true true",
                        "goal_history " + goal.get("project_id") + " | " + goal.get("position") + " true false",
                        "figure_history " + department + " | " + extra + " false true");
        assertThat(prove(7, -1).differences().count()).as("the rows are as they were").isZero();
    }

    private TotalsProof.Result prove(int eventsPerWindow, long upTo) {
        TotalsProof proof = new TotalsProof(jdbc, transaction, events, model, eventsPerWindow);
        return transaction.execute(status -> proof.proveDepartment(copy, department, upTo, position -> true));
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }
}
