package io.fluxstrap.kube.sandbox;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A Kubernetes REST path split into its parts, e.g. {@code /apis/apps/v1/namespaces/ns/deployments/x/status}.
 * {@code group} is empty for the core API; {@code namespace}, {@code name} and {@code subresource} may be null.
 */
record ApiPath(String group, String version, String namespace, String plural, String name, String subresource) {
  private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

  static Optional<ApiPath> parse(String rawPath) {
    String path = rawPath;
    int query = path.indexOf('?');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    List<String> parts = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    if (parts.size() < 3) {
      return Optional.empty();
    }
    String group;
    int rest;
    if (parts.get(0).equals("api")) {
      group = "";
      rest = 1;
    } else if (parts.get(0).equals("apis") && parts.size() >= 4) {
      group = parts.get(1);
      rest = 2;
    } else {
      return Optional.empty();
    }
    String version = parts.get(rest);
    List<String> tail = parts.subList(rest + 1, parts.size());
    // "namespaces/x" alone (or with a namespace subresource) is the Namespace object itself.
    if (tail.get(0).equals("namespaces") && tail.size() >= 2) {
      if (tail.size() == 2) {
        return Optional.of(new ApiPath(group, version, null, "namespaces", tail.get(1), null));
      }
      if (tail.size() == 3 && NAMESPACE_SUBRESOURCES.contains(tail.get(2))) {
        return Optional.of(new ApiPath(group, version, null, "namespaces", tail.get(1), tail.get(2)));
      }
      return resource(group, version, tail.get(1), tail.subList(2, tail.size()));
    }
    return resource(group, version, null, tail);
  }

  private static Optional<ApiPath> resource(String group, String version, String ns, List<String> tail) {
    if (tail.isEmpty() || tail.size() > 3) {
      return Optional.empty();
    }
    return Optional.of(new ApiPath(group, version, ns, tail.get(0),
        tail.size() > 1 ? tail.get(1) : null, tail.size() > 2 ? tail.get(2) : null));
  }

  /** The path of one object. */
  static ApiPath of(String apiVersion, String namespace, String plural, String name) {
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    return new ApiPath(group, version, namespace, plural, name, null);
  }

  String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  ApiPath withName(String newName) {
    return new ApiPath(group, version, namespace, plural, newName, null);
  }

  ApiPath withSubresource(String sub) {
    return new ApiPath(group, version, namespace, plural, name, sub);
  }

  ApiPath collection() {
    return new ApiPath(group, version, namespace, plural, null, null);
  }

  boolean isObject() {
    return name != null && subresource == null;
  }

  boolean is(String g, String p) {
    return group.equals(g) && plural.equals(p);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version);
    if (namespace != null) {
      b.append("/namespaces/").append(namespace);
    }
    b.append('/').append(plural);
    if (name != null) {
      b.append('/').append(name);
    }
    if (subresource != null) {
      b.append('/').append(subresource);
    }
    return b.toString();
  }
}
