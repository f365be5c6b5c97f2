package org.publicbudget.ledger.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.support.Api;
import org.publicbudget.ledger.app.support.PostgresApiTest;

/** A finance system that retries with its Idempotency-Key gets the first answer again, and nothing is appended twice. */
class IdempotencyTest extends PostgresApiTest {

    private long events() {
        return api.get(OPERATOR, "/api/v1/ops/stats").body().get("events").asLong();
    }

    private String createBody() {
        return "{\"department\":\"Retry " + UUID.randomUUID() + "\",\"fiscalYear\":2025,\"unit\":\"街道办事处\",\"name\":\"帮扶工作经费\","
                + "\"allocations\":{\"FISCAL_APPROPRIATION\":\"5.00\"}}";
    }

    @Test
    void aRetryGetsTheOriginalAnswerAndAppendsNothing() {
        String key = UUID.randomUUID().toString();
        String body = createBody();
        Api.Response first = api.post(WRITER, "/api/v1/projects", body, Map.of("Idempotency-Key", key));
        long after = events();
        Api.Response retry = api.post(WRITER, "/api/v1/projects", body, Map.of("Idempotency-Key", key));

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(events()).isEqualTo(after);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefused() {
        String key = UUID.randomUUID().toString();
        api.post(WRITER, "/api/v1/projects", createBody(), Map.of("Idempotency-Key", key));
        long after = events();
        Api.Response other = api.post(WRITER, "/api/v1/projects", createBody(), Map.of("Idempotency-Key", key));
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.body().get("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(events()).isEqualTo(after);
    }

    @Test
    void aRefusedRequestIsNotRememberedSoItsCorrectionMayUseTheSameKey() {
        String key = UUID.randomUUID().toString();
        Api.Response refused = api.post(WRITER, "/api/v1/projects", createBody().replace("\"5.00\"", "\"-5\""), Map.of("Idempotency-Key", key));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(api.post(WRITER, "/api/v1/projects", createBody(), Map.of("Idempotency-Key", key)).status()).isEqualTo(201);
    }

    @Test
    void concurrentRetriesAppendOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = createBody();
        long before = events();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Api.Response>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                return api.post(WRITER, "/api/v1/projects", body, Map.of("Idempotency-Key", key));
            }));
        }
        start.countDown();
        List<String> projectIds = new ArrayList<>();
        for (Future<Api.Response> answer : answers) {
            Api.Response response = answer.get(1, TimeUnit.MINUTES);
            assertThat(response.status()).isEqualTo(201);
            projectIds.add(response.body().get("projectId").asText());
        }
        pool.shutdown();
        assertThat(projectIds).containsOnly(projectIds.get(0));
        assertThat(events()).isEqualTo(before + 1);
    }

    @Test
    void keysBelongToTheAccountThatUsedThem() {
        String key = UUID.randomUUID().toString();
        Api.Response mine = api.post(WRITER, "/api/v1/projects", createBody(), Map.of("Idempotency-Key", key));
        assertThat(mine.status()).isEqualTo(201);
        Api.Response someoneElses = api.post(OPERATOR, "/api/v1/projects", createBody(), Map.of("Idempotency-Key", key));
        assertThat(someoneElses.status()).as("an operator may not write, whatever the key").isEqualTo(403);
    }
}
