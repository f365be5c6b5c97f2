package org.publicbudget.ledger.app.infrastructure.http;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI 3 description served at /v3/api-docs, and Swagger UI at /swagger-ui.html.
 * Its server URL is configured ({@code ledger.api.server-url}, by default the relative
 * {@code /}), never taken from the request's Host header, which a client chooses.
 */
@Configuration
public class ApiDocumentation {

    @Bean
    public OpenAPI ledgerApi(@Value("${ledger.api.server-url:/}") String serverUrl) {
        return new OpenAPI()
                .servers(List.of(new Server().url(serverUrl)))
                .info(new Info().title("Budget ledger API").version("v1").description("""
                        An event-sourced ledger of public project budgets (项目支出绩效目标表). Amounts are decimal strings \
                        in 万元. Every write accepts an Idempotency-Key header and answers only once its events are durable; \
                        commands on a project accept If-Match with the ETag of the project as read. Errors are \
                        application/problem+json naming the field at fault. Roles: LEDGER_WRITER writes, AUDITOR reads, \
                        OPERATOR operates."""))
                .components(new Components()
                        .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("basic"))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
