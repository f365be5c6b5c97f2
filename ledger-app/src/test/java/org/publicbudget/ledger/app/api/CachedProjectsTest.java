package org.publicbudget.ledger.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.support.Api;
import org.publicbudget.ledger.app.support.PostgresApiTest;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.domain.project.api.events.AllocationRevised;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Projects stay in memory between commands, but the store decides: a change made
 * elsewhere, or a change that was rolled back after the project was cached, is never
 * built upon.
 */
class CachedProjectsTest extends PostgresApiTest {

    @Autowired
    private EventStorageEngine store;

    @Autowired
    private TransactionTemplate transaction;

    @Autowired
    private JdbcTemplate database;

    @Test
    void aRevisionMadeByAnotherNodeIsSeenByTheNextCommand() {
        Api.Response created = create("缓存一");
        String id = created.body().get("projectId").asText();
        assertThat(revise(id, "100.00", "\"0\"").body().get("version").asLong()).isEqualTo(1);

        // another node, with its own memory, revises the project: its event is in the store only
        transaction.executeWithoutResult(status -> store.appendEvents(List.of(new GenericDomainEventMessage<>("Project", id, 2,
                new AllocationRevised(id, created.body().get("departmentId").asText(), created.body().get("unitId").asText(),
                        FundingSource.FISCAL_APPROPRIATION, new BigDecimal("100.00"), new BigDecimal("250.00"), "elsewhere")))));

        Api.Response next = api.post(WRITER, "/api/v1/projects/" + id + "/allocation-revisions",
                "{\"fundingSource\":\"OTHER\",\"amount\":\"1.00\",\"reason\":\"after the other node\"}", Map.of("If-Match", "\"2\""));
        assertThat(next.status()).as(next.body().toString()).isEqualTo(200);
        assertThat(next.body().get("version").asLong()).isEqualTo(3);
        assertThat(new BigDecimal(next.body().get("total").asText())).isEqualByComparingTo("251.00");
    }

    @Test
    void aTransferRolledBackLeavesNoTraceInTheNextCommand() {
        String id = create("缓存二").body().get("projectId").asText();
        assertThat(revise(id, "100.00", "\"0\"").status()).isEqualTo(200);

        // the giving side is handled first (its id sorts first) and then the receiving side is not found: all is rolled back
        Api.Response refused = api.post(WRITER, "/api/v1/transfers", "{\"fromProjectId\":\"" + id
                + "\",\"toProjectId\":\"ffffffff-ffff-ffff-ffff-ffffffffffff\",\"fundingSource\":\"FISCAL_APPROPRIATION\","
                + "\"amount\":\"40.00\",\"reason\":\"to nowhere\"}");
        assertThat(refused.status()).isEqualTo(404);

        Api.Response next = revise(id, "90.00", "\"1\"");
        assertThat(next.status()).as(next.body().toString()).isEqualTo(200);
        assertThat(next.body().get("version").asLong()).isEqualTo(2);
        assertThat(database.queryForList("SELECT sequenceNumber FROM domainevententry WHERE aggregateIdentifier = ? ORDER BY 1",
                Long.class, id)).containsExactly(0L, 1L, 2L);
        Api.Response trail = api.get(AUDITOR, "/api/v1/projects/" + id + "/trail?fundingSource=FISCAL_APPROPRIATION&minPosition="
                + next.body().get("position").asLong());
        assertThat(trail.body().get("steps").findValuesAsText("before")).containsExactly("0.00", "10.00", "100.00");
    }

    private Api.Response create(String name) {
        Api.Response created = api.post(WRITER, "/api/v1/projects", "{\"department\":\"缓存测试局\",\"fiscalYear\":2025,\"unit\":\"本级\","
                + "\"name\":\"" + name + "\",\"allocations\":{\"FISCAL_APPROPRIATION\":\"10.00\"}}");
        assertThat(created.status()).isEqualTo(201);
        return created;
    }

    private Api.Response revise(String id, String amount, String ifMatch) {
        return api.post(WRITER, "/api/v1/projects/" + id + "/allocation-revisions",
                "{\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"" + amount + "\",\"reason\":\"test\"}", Map.of("If-Match", ifMatch));
    }
}
