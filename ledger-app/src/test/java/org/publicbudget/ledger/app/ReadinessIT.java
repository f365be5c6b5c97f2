package org.publicbudget.ledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.publicbudget.ledger.app.support.Api;

/**
 * The packaged jar started as a newcomer starts it, watched from its first moment: the
 * first time it says it is ready, the bundled seed is there in full — not an empty or
 * half-projected ledger.
 */
class ReadinessIT {

    private static final String PASSWORD = "readiness-test-password";

    @TempDir
    Path dataDir;

    @Test
    void readyMeansTheSeedIsThereInFull() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-jar", "target/ledger-app.jar", "--server.port=" + port, "--ledger.data-dir=" + dataDir);
        builder.environment().put("LEDGER_DEMO_PASSWORD", PASSWORD);
        builder.redirectErrorStream(true).redirectOutput(Files.createDirectories(Path.of("target")).resolve("readiness-it.log").toFile());
        Process ledger = builder.start();
        try {
            Api api = new Api(port, Map.of("auditor", PASSWORD));
            long deadline = System.nanoTime() + 120_000_000_000L;
            int notReady = 0;
            while (!ready(api)) {
                assertThat(System.nanoTime()).as("ready within two minutes").isLessThan(deadline);
                notReady++;
                Thread.sleep(20);
            }
            JsonNode departments = api.get("auditor", "/api/v1/departments").body();
            assertThat(departments).as("at the first ready answer, after " + notReady + " not-ready ones").hasSize(1);
            assertThat(departments.get(0).get("computedTotal").asText()).isEqualTo("4892.12");
            assertThat(departments.get(0).get("declaredTotal").asText()).isEqualTo("4892.11");
            String departmentId = departments.get(0).get("departmentId").asText();
            assertThat(api.get("auditor", "/api/v1/departments/" + departmentId + "/units").body()).hasSize(4);
            assertThat(api.get("auditor", "/api/v1/departments/" + departmentId + "/trail").body().get("steps")).hasSize(60);
        } finally {
            ledger.destroy();
            ledger.waitFor();
        }
    }

    private static boolean ready(Api api) {
        try {
            return api.get(null, "/actuator/health/readiness").status() == 200;
        } catch (IllegalStateException notListeningYet) {
            return false;
        }
    }
}
