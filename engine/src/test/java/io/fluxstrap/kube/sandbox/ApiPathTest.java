package io.fluxstrap.kube.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiPathTest {
  @Test
  void parsesCoreGroupNamespacedAndClusterScopedPaths() {
    assertEquals(Optional.of(new ApiPath("", "v1", "ns", "secrets", "s", null)),
        ApiPath.parse("/api/v1/namespaces/ns/secrets/s?fieldManager=flux&force=true"));
    assertEquals(Optional.of(new ApiPath("", "v1", null, "namespaces", "flux-system", null)),
        ApiPath.parse("/api/v1/namespaces/flux-system"));
    assertEquals(Optional.of(new ApiPath("", "v1", null, "namespaces", "x", "status")),
        ApiPath.parse("/api/v1/namespaces/x/status"));
    assertEquals(Optional.of(new ApiPath("", "v1", "x", "secrets", null, null)),
        ApiPath.parse("/api/v1/namespaces/x/secrets"));
    assertEquals(Optional.of(new ApiPath("apps", "v1", "ns", "deployments", "d", "status")),
        ApiPath.parse("/apis/apps/v1/namespaces/ns/deployments/d/status"));
    assertEquals(Optional.of(new ApiPath("apiextensions.k8s.io", "v1", null, "customresourcedefinitions", "c", null)),
        ApiPath.parse("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/c"));
    assertEquals(Optional.empty(), ApiPath.parse("/version"));
    assertEquals(Optional.empty(), ApiPath.parse("/apis/apps/v1"));
  }

  @Test
  void printsBackTheSamePath() {
    for (String path : new String[] {"/api/v1/namespaces/ns/secrets/s", "/api/v1/namespaces/n",
        "/apis/source.toolkit.fluxcd.io/v1/namespaces/flux-system/gitrepositories/flux-system/status"}) {
      assertEquals(path, ApiPath.parse(path).orElseThrow().toString());
    }
    assertEquals("/apis/apps/v1/namespaces/ns/deployments", ApiPath.of("apps/v1", "ns", "deployments", "d")
        .collection().toString());
  }
}
