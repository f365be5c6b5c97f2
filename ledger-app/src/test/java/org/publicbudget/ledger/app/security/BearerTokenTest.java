package org.publicbudget.ledger.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.support.TestPostgres;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A deployment that names its identity provider accepts its signed tokens, with roles from the token. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BearerTokenTest {

    private static final String ISSUER = "https://idp.finance.example";
    private static final String AUDIENCE = "budget-ledger";
    private static final KeyPair IDP = keys();
    private static final KeyPair STRANGER = keys();
    private static final TestPostgres.Database DATABASE = TestPostgres.freshSchema();

    @LocalServerPort
    private int port;

    private static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void deployment(DynamicPropertyRegistry registry) throws IOException {
        Path publicKey = Files.createTempFile("idp", ".pem");
        Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(IDP.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        registry.add("spring.datasource.url", DATABASE::url);
        registry.add("spring.datasource.username", DATABASE::user);
        registry.add("spring.datasource.password", DATABASE::password);
        registry.add("spring.flyway.schemas", DATABASE::schema);
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + publicKey);
        registry.add("ledger.security.jwt.issuer", () -> ISSUER);
        registry.add("ledger.security.jwt.audience", () -> AUDIENCE);
    }

    private static String token(KeyPair signer, String issuer, String subject, List<String> roles, Instant expires) throws Exception {
        return token(signer, issuer, AUDIENCE, subject, roles, expires);
    }

    private static String token(KeyPair signer, String issuer, String audience, String subject, List<String> roles, Instant expires)
            throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder().issuer(issuer).audience(audience)
                .subject(subject).claim("roles", roles).issueTime(new Date()).expirationTime(expires == null ? null : Date.from(expires))
                .build());
        jwt.sign(new RSASSASigner((RSAPrivateKey) signer.getPrivate()));
        return jwt.serialize();
    }

    private int get(String token, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private int post(String token, String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aTokenFromTheIdentityProviderCarriesItsRoles() throws Exception {
        Instant later = Instant.now().plusSeconds(300);
        String auditor = token(IDP, ISSUER, "audit-office", List.of("AUDITOR"), later);
        String writer = token(IDP, ISSUER, "treasury-system", List.of("LEDGER_WRITER"), later);
        assertThat(get(auditor, "/api/v1/departments")).isEqualTo(200);
        assertThat(get(writer, "/api/v1/departments")).isEqualTo(403);
        assertThat(post(writer, "/api/v1/projects",
                "{\"department\":\"JWT\",\"fiscalYear\":2025,\"unit\":\"u\",\"name\":\"n\"}")).isEqualTo(201);
        assertThat(post(auditor, "/api/v1/projects",
                "{\"department\":\"JWT\",\"fiscalYear\":2025,\"unit\":\"u\",\"name\":\"n\"}")).isEqualTo(403);
    }

    @Test
    void forgedExpiredOrForeignTokensAreRefused() throws Exception {
        Instant later = Instant.now().plusSeconds(300);
        assertThat(get(token(STRANGER, ISSUER, "mallory", List.of("AUDITOR"), later), "/api/v1/departments")).isEqualTo(401);
        assertThat(get(token(IDP, "https://elsewhere.example", "mallory", List.of("AUDITOR"), later), "/api/v1/departments")).isEqualTo(401);
        assertThat(get(token(IDP, ISSUER, "late", List.of("AUDITOR"), Instant.now().minusSeconds(600)), "/api/v1/departments")).isEqualTo(401);
        assertThat(get("not-a-token", "/api/v1/departments")).isEqualTo(401);
        assertThat(get(token(IDP, ISSUER, "payroll-system", "mallory", List.of("AUDITOR"), later), "/api/v1/departments"))
                .as("a token for another system of the same identity provider").isEqualTo(401);
        assertThat(get(token(IDP, ISSUER, "mallory", List.of("AUDITOR"), null), "/api/v1/departments"))
                .as("a token that never expires").isEqualTo(401);
        assertThat(get(token(IDP, ISSUER, "mallory", List.of("AUDITOR"), Instant.now().plusSeconds(2 * 86_400)), "/api/v1/departments"))
                .as("a token good for two days").isEqualTo(401);
        assertThat(get(token(IDP, ISSUER, "audit\noffice", List.of("AUDITOR"), later), "/api/v1/departments"))
                .as("a subject that would forge a line").isEqualTo(401);
        assertThat(get(token(IDP, ISSUER, null, List.of("AUDITOR"), later), "/api/v1/departments")).as("no subject").isEqualTo(401);
    }

    /** A token whose subject is an account's name is not that account: its events and its idempotency keys are its own. */
    @Test
    void aTokenSubjectIsNotTheAccountOfTheSameName() throws Exception {
        String writer = token(IDP, ISSUER, "finance", List.of("LEDGER_WRITER", "AUDITOR"), Instant.now().plusSeconds(300));
        HttpRequest create = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/projects"))
                .header("Authorization", "Bearer " + writer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"department\":\"JWT actor\",\"fiscalYear\":2025,\"unit\":\"u\",\"name\":\"n\"}"))
                .build();
        String answer = HttpClient.newHttpClient().send(create, HttpResponse.BodyHandlers.ofString()).body();
        JsonNode created = new ObjectMapper().readTree(answer);
        HttpRequest trail = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/projects/"
                        + created.get("projectId").asText() + "/trail?minPosition=" + created.get("position").asLong()))
                .header("Authorization", "Bearer " + writer).GET().build();
        String steps = HttpClient.newHttpClient().send(trail, HttpResponse.BodyHandlers.ofString()).body();
        assertThat(new ObjectMapper().readTree(steps).get("steps").get(0).get("actor").asText())
                .isEqualTo("token:finance");
    }
}
