package io.fluxstrap.kube.sandbox;

import tools.jackson.databind.JsonNode;

/** One object of the sandbox's store, with the resource (plural) name its REST path uses. */
record StoredObject(String plural, JsonNode object) {
  ApiPath path() {
    JsonNode metadata = object.path("metadata");
    String ns = metadata.path("namespace").asString("");
    return ApiPath.of(object.path("apiVersion").asString(), ns.isEmpty() ? null : ns, plural,
        metadata.path("name").asString());
  }

  boolean isCrd() {
    return plural.equals("customresourcedefinitions");
  }
}
