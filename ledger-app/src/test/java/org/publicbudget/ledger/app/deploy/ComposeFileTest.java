package org.publicbudget.ledger.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.security.LedgerUsersProperties;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.yaml.snakeyaml.Yaml;

/**
 * docker/compose.yaml and docker/Dockerfile, checked without a Docker engine: the
 * services are there, and every variable the compose file (and its example env file)
 * sets is one the application reads — a misspelt variable would otherwise be ignored
 * in silence.
 */
class ComposeFileTest {

    private static final Path DOCKER = Path.of("..", "docker");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> compose() throws IOException {
        try (InputStream in = Files.newInputStream(DOCKER.resolve("compose.yaml"))) {
            return new Yaml().load(in);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void runsPostgresTwoNodesAndABalancerWithPersistentData() throws IOException {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        assertThat(services).containsOnlyKeys("postgres", "postgres-standby", "ledger-1", "ledger-2", "certificate", "balancer", "prometheus",
                "grafana");
        Map<String, Object> postgres = (Map<String, Object>) services.get("postgres");
        assertThat((List<String>) postgres.get("volumes")).anyMatch(v -> v.endsWith(":/var/lib/postgresql/data"));
        assertThat(postgres).containsKey("healthcheck");
        assertThat((Map<String, Object>) compose().get("volumes")).containsKeys("ledger-db", "ledger-certs");
        String nginx = Files.readString(DOCKER.resolve("nginx.conf"));
        assertThat(nginx).contains("server ledger-1:8080").contains("server ledger-2:8080");
        for (String node : List.of("ledger-1", "ledger-2")) {
            Map<String, Object> environment = (Map<String, Object>) ((Map<String, Object>) services.get(node)).get("environment");
            assertThat(environment.get("LEDGER_NODE_ID")).isEqualTo(node);
            assertThat(environment.get("SPRING_DATASOURCE_URL")).as("writes to whichever is the primary")
                    .isEqualTo("jdbc:postgresql://postgres:5432,postgres-standby:5432/ledger?targetServerType=primary");
            assertThat(environment.get("LEDGER_REPLICA_URL")).as("auditors' reads from the standby")
                    .isEqualTo("jdbc:postgresql://postgres-standby:5432/ledger");
        }
        Map<String, Object> standby = (Map<String, Object>) services.get("postgres-standby");
        assertThat((List<String>) standby.get("volumes")).anyMatch(v -> v.startsWith("ledger-db-standby:"));
        assertThat(Files.readString(DOCKER.resolve("postgres").resolve("standby.sh"))).contains("pg_basebackup -h postgres -U ledger -D \"$PGDATA\" -R");
        assertThat(Files.readString(DOCKER.resolve("postgres").resolve("primary-init.sh")))
                .contains("host replication").contains("synchronous_commit = 'remote_apply'");
    }

    /**
     * Only the balancer faces the network, and only over TLS; the database password is a
     * file (a compose secret), in no environment variable and in no image.
     */
    @Test
    @SuppressWarnings("unchecked")
    void onlyTheBalancerFacesTheNetworkOverTlsAndSecretsStayOutOfTheEnvironment() throws IOException {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        Map<String, Object> balancer = (Map<String, Object>) services.get("balancer");
        assertThat((List<String>) balancer.get("ports")).containsExactly("443:443");
        services.forEach((name, service) -> {
            if (name.equals("grafana")) {
                assertThat((List<String>) ((Map<String, Object>) service).get("ports")).as("Grafana on this machine only")
                        .containsExactly("127.0.0.1:3000:3000");
            } else if (!name.equals("balancer")) {
                assertThat((Map<String, Object>) service).as(name + " publishes no port").doesNotContainKey("ports");
            }
        });
        String nginx = Files.readString(DOCKER.resolve("nginx.conf"));
        assertThat(nginx).contains("listen 443 ssl").contains("ssl_certificate /etc/nginx/certs/ledger.crt")
                .contains("ssl_protocols TLSv1.2 TLSv1.3").contains("Strict-Transport-Security").doesNotContain("listen 80");
        assertThat(nginx).as("bodies held whole by nginx, within the ledger's document limit, from at most 50 connections a client")
                .contains("client_max_body_size 20m").contains("proxy_request_buffering on").contains("client_body_timeout 10s")
                .contains("limit_conn per_client 50");
        assertThat(nginx).as("the client's address replaces any X-Forwarded-For it sent").contains("X-Forwarded-For $remote_addr")
                .doesNotContain("$proxy_add_x_forwarded_for");
        assertThat(nginx).as("the metrics stay inside").contains("location /actuator/prometheus {\n        return 404;");
        assertThat(compose().get("secrets")).isEqualTo(Map.of("db_password", Map.of("file", "./secrets/db_password"),
                "metrics_password", Map.of("file", "./secrets/metrics_password"), "grafana_password", Map.of("file", "./secrets/grafana_password")));
        Map<String, Object> postgres = (Map<String, Object>) services.get("postgres");
        assertThat((Map<String, Object>) postgres.get("environment")).containsEntry("POSTGRES_PASSWORD_FILE", "/run/secrets/db_password")
                .doesNotContainKey("POSTGRES_PASSWORD");
        for (String node : List.of("ledger-1", "ledger-2")) {
            Map<String, Object> service = (Map<String, Object>) services.get(node);
            Map<String, Object> environment = (Map<String, Object>) service.get("environment");
            assertThat(environment).doesNotContainKey("SPRING_DATASOURCE_PASSWORD")
                    .containsEntry("SPRING_CONFIG_IMPORT", "configtree:/run/secrets/")
                    .containsEntry("SERVER_FORWARD_HEADERS_STRATEGY", "native");
            assertThat((List<Object>) service.get("secrets")).containsExactly(Map.of("source", "db_password", "target", "spring.datasource.password"));
        }
        assertThat(Files.readString(Path.of("..", ".dockerignore"))).contains("docker/ledger.env").contains("docker/secrets/");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyVariableItSetsIsOneTheApplicationReads() throws IOException {
        Set<String> read = propertiesTheApplicationReads();
        List<String> variables = new ArrayList<>();
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        for (String node : List.of("ledger-1", "ledger-2")) {
            variables.addAll(((Map<String, Object>) ((Map<String, Object>) services.get(node)).get("environment")).keySet());
        }
        for (String line : Files.readAllLines(DOCKER.resolve("ledger.env.example"))) {
            String setting = line.startsWith("# ") && line.contains("=") && line.substring(2).matches("[A-Z0-9_]+=.*") ? line.substring(2) : line;
            if (!setting.isBlank() && !setting.startsWith("#")) {
                variables.add(setting.substring(0, setting.indexOf('=')));
            }
        }
        assertThat(variables).hasSizeGreaterThan(10);
        for (String variable : variables) {
            assertThat(read).as(variable + " is read by the application").contains(canonical(variable));
        }
        assertThat(read).doesNotContain(canonical("LEDGER_NO_SUCH_SETTING"));
    }

    @Test
    void theImageRunsOnASlimJreAsAnUnprivilegedUserWithAHealthCheck() throws IOException {
        String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));
        assertThat(dockerfile).contains("FROM eclipse-temurin:17-jre").contains("USER 10001").contains("HEALTHCHECK")
                .contains("/actuator/health/readiness").contains("RUN ./mvnw -B -ntp -DskipTests package");
        assertThat(dockerfile).doesNotContainIgnoringCase("password").doesNotContain("ENV LEDGER_");
        assertThat(Files.readString(Path.of("..", ".ci", "run"))).as("CI runs the Dockerfile's build command").contains("docker/Dockerfile");
    }

    /**
     * Properties the application reads, in relaxed form: Spring Boot's documented ones
     * (from the configuration metadata of the jars on the classpath), the ledger's own
     * (application.properties, placeholders and property names in the source) and the
     * accounts of {@link LedgerUsersProperties}.
     */
    private static Set<String> propertiesTheApplicationReads() throws IOException {
        Set<String> names = new HashSet<>();
        ObjectMapper json = new ObjectMapper();
        for (Resource metadata : new PathMatchingResourcePatternResolver().getResources("classpath*:META-INF/spring-configuration-metadata.json")) {
            try (InputStream in = metadata.getInputStream()) {
                for (JsonNode property : json.readTree(in).path("properties")) {
                    names.add(canonical(property.get("name").asText()));
                }
            }
        }
        Properties application = new Properties();
        try (InputStream in = ComposeFileTest.class.getResourceAsStream("/application.properties")) {
            application.load(in);
        }
        application.stringPropertyNames().forEach(name -> names.add(canonical(name)));
        Pattern named = Pattern.compile("\"\\$?\\{?(ledger\\.[a-z0-9.-]+|LEDGER_[A-Z_]+)");
        try (Stream<Path> sources = Files.walk(Path.of("src", "main", "java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = named.matcher(Files.readString(source));
                while (m.find()) {
                    names.add(canonical(m.group(1)));
                }
            }
        }
        for (RecordComponent users : LedgerUsersProperties.class.getRecordComponents()) {
            Class<?> user = (Class<?>) ((ParameterizedType) users.getGenericType()).getActualTypeArguments()[0];
            for (RecordComponent field : user.getRecordComponents()) {
                names.add(canonical("ledger.security." + users.getName() + "." + field.getName()));
            }
        }
        return names;
    }

    /** Relaxed binding: case, separators and list indexes do not matter (LEDGER_SECURITY_USERS_0_NAME = ledger.security.users[0].name). */
    private static String canonical(String name) {
        return name.toLowerCase().replaceAll("\\[[0-9]+\\]|_[0-9]+_", "_").replaceAll("[^a-z0-9]", "");
    }
}
