package io.fluxstrap.kube.sandbox;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** JSON requests and responses of the mock server, as the sandbox dispatcher builds and reads them. */
final class Responses {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Responses() {}

  static MockResponse json(int code, JsonNode body) {
    return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
        .setBody(JSON.writeValueAsString(body));
  }

  /** A Kubernetes Status failure, as a real API server sends it. */
  static MockResponse status(int code, String reason, String message) {
    ObjectNode status = NODES.objectNode().put("kind", "Status").put("apiVersion", "v1")
        .put("status", "Failure").put("message", message).put("reason", reason).put("code", code);
    status.putObject("metadata");
    return json(code, status);
  }

  /** The response's body as JSON (missing when empty). Does not consume the body. */
  static JsonNode parse(MockResponse response) {
    byte[] body = response.getBody() == null ? new byte[0] : response.getBody().getBytes();
    return body.length == 0 ? NODES.missingNode() : JSON.readTree(new String(body, StandardCharsets.UTF_8));
  }

  /** A request to hand to fabric8's CRUD handlers. */
  static RecordedRequest request(HttpMethod method, ApiPath path, JsonNode body) {
    Headers headers = Headers.builder().add("Content-Type", "application/json").build();
    return new RecordedRequest("HTTP/1.1", method, path.toString(), headers,
        new Buffer().writeUtf8(JSON.writeValueAsString(body)));
  }
}
