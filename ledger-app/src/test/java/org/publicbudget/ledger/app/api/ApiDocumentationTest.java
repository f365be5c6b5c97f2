package org.publicbudget.ledger.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.support.PostgresApiTest;

/** The OpenAPI description a finance system's developers start from, with examples in the seed's own names. */
class ApiDocumentationTest extends PostgresApiTest {

    @Test
    void describesEveryCommandWithExamplesFromTheSeed() {
        JsonNode docs = api.get(null, "/v3/api-docs").body();
        assertThat(docs.get("openapi").asText()).startsWith("3.");
        assertThat(docs.get("paths").has("/api/v1/transfers")).isTrue();
        assertThat(docs.get("paths").has("/api/v1/projects/{projectId}/withdrawal")).isTrue();
        assertThat(docs.get("paths").get("/api/v1/projects/{projectId}/indicators/{no}").has("put")).isTrue();
        assertThat(docs.get("paths").get("/api/v1/projects/{projectId}/indicators/{no}").has("delete")).isTrue();
        assertThat(docs.get("paths").has("/api/v1/imports")).isTrue();
        for (String creating : List.of("/api/v1/projects", "/api/v1/transfers", "/api/v1/units", "/api/v1/projects/{projectId}/expenditures",
                "/api/v1/projects/{projectId}/indicators/{no}/results", "/api/v1/projects/{projectId}/indicators")) {
            assertThat(docs.get("paths").get(creating).get("post").get("responses").has("201")).as(creating + " answers 201").isTrue();
        }
        JsonNode create = docs.get("components").get("schemas").get("CreateProjectRequest").get("properties");
        assertThat(create.get("department").get("example").asText()).isEqualTo("广州市荔湾区人民政府石围塘街道办事处");
        assertThat(create.get("name").get("example").asText()).isEqualTo("街道事业单位业务经费");
        assertThat(docs.get("components").get("securitySchemes").has("bearer")).isTrue();
    }

    @Test
    void servesSwaggerUi() {
        assertThat(api.send(null, "GET", "/swagger-ui/index.html", null, null, java.util.Map.of()).status()).isEqualTo(200);
    }
}
