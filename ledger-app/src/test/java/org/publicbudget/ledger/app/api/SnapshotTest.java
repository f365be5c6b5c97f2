package org.publicbudget.ledger.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.support.Api;
import org.publicbudget.ledger.app.support.PostgresApiTest;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.domain.project.CreateProject;
import org.publicbudget.ledger.domain.project.ProjectBalance;
import org.publicbudget.ledger.domain.project.ReviseAllocation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A project revised hundreds of times is loaded from a snapshot, and is the same project. */
class SnapshotTest extends PostgresApiTest {

    @Autowired
    private CommandGateway commands;

    @Autowired
    private JdbcTemplate database;

    @Test
    void aProjectLoadedFromItsSnapshotKeepsItsFiguresAndIndicators() {
        String id = UUID.randomUUID().toString();
        commands.sendAndWait(new CreateProject(id, "Snapshot " + id, 2025, "街道办事处", "社区两委干部补贴", "",
                Map.of(FundingSource.FISCAL_APPROPRIATION, new BigDecimal("548.54"))));
        assertThat(api.post(WRITER, "/api/v1/projects/" + id + "/indicators",
                "{\"level1\":\"1\",\"level2\":\"11\",\"name\":\"补贴发放人数\",\"periodTarget\":\"100人\",\"annualTarget\":\"100人\"}").status())
                .isEqualTo(201);
        ProjectBalance last = null;
        for (int i = 1; i <= 600; i++) {
            last = commands.sendAndWait(new ReviseAllocation(id, FundingSource.OTHER, new BigDecimal(i), "revision " + i, null));
        }
        assertThat(last.version()).isEqualTo(601);
        assertThat(database.queryForObject("SELECT COUNT(*) FROM snapshotevententry WHERE aggregateIdentifier = ?", Long.class, id))
                .isPositive();

        Api.Response next = api.post(WRITER, "/api/v1/projects/" + id + "/allocation-revisions",
                "{\"fundingSource\":\"OTHER\",\"amount\":\"600.5\",\"reason\":\"after the snapshot\"}", Map.of("If-Match", "\"601\""));
        assertThat(next.status()).isEqualTo(200);
        assertThat(next.body().get("total").asText()).isEqualTo("1149.04");
        assertThat(next.body().get("version").asLong()).isEqualTo(602);
        Api.Response taken = api.post(WRITER, "/api/v1/projects/" + id + "/indicators",
                "{\"no\":1,\"level1\":\"1\",\"level2\":\"11\",\"name\":\"重复\"}");
        assertThat(taken.status()).as("the snapshot remembers indicator 1").isEqualTo(422);
    }
}
