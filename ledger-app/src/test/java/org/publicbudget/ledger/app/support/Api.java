package org.publicbudget.ledger.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/** A real HTTP client for the tests: requests go over a socket to the running server, as a finance system's would. */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Map<String, String> passwords;

    public Api(int port, Map<String, String> passwords) {
        this.base = "http://127.0.0.1:" + port;
        this.passwords = passwords;
    }

    public record Response(int status, HttpHeaders headers, JsonNode body) {

        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }
    }

    public Response get(String user, String path) {
        return send(user, HttpRequest.newBuilder(URI.create(base + path)).GET(), Map.of());
    }

    public Response post(String user, String path, String json) {
        return post(user, path, json, Map.of());
    }

    public Response post(String user, String path, String json, Map<String, String> headers) {
        return send(user, HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)), headers);
    }

    /** Any method, any body (sent as given, even when it is not JSON), any content type and headers. */
    public Response send(String user, String method, String path, String body, String contentType, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(user, request, headers);
    }

    /** A budget document as the import endpoint takes it: plain UTF-8 text. */
    public Response postText(String user, String path, String text) {
        return postText(user, path, text, Map.of());
    }

    public Response postText(String user, String path, String text, Map<String, String> headers) {
        return send(user, "POST", path, text, "text/plain; charset=UTF-8", headers);
    }

    /** A document as its bytes, with the Content-Type it is sent as. */
    public Response postBytes(String user, String path, byte[] body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(3))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return send(user, request, Map.of());
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    /** A file as downloaded (an export); anything but 200 fails. */
    public byte[] getBytes(String user, String path) {
        HttpResponse<byte[]> response = exchange(user, HttpRequest.newBuilder(URI.create(base + path)).GET(), Map.of(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    private Response send(String user, HttpRequest.Builder request, Map<String, String> headers) {
        HttpResponse<String> response = exchange(user, request, headers, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonNode body = response.body().isEmpty() ? JSON.nullNode() : parse(response.body());
        return new Response(response.statusCode(), response.headers(), body);
    }

    private <T> HttpResponse<T> exchange(String user, HttpRequest.Builder request, Map<String, String> headers,
            HttpResponse.BodyHandler<T> handler) {
        if (user != null) {
            String credentials = user + ":" + passwords.get(user);
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        headers.forEach(request::header);
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), handler);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
