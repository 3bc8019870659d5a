package io.fluxstrap.spec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the {@code state:} block; the schema has checked its shape and every value's form. */
final class StateReader {
  private static final List<String> ENTRA_SETTINGS = List.of("entra_source", "tenant_id", "client_id", "service_connection_id");
  private final ReadContext in;

  StateReader(ReadContext in) {
    this.in = in;
  }

  StateSpec read() {
    Map<String, Map<String, String>> settings = new LinkedHashMap<>();
    Map<String, String> local = new LinkedHashMap<>();
    String path = in.text("/state/path", null);
    if (path != null) putPath(local, "path", "/state/path", path);
    if (!local.isEmpty()) settings.put("local", local);
    Map<String, String> azurerm = block("/state/azurerm");
    if (!azurerm.isEmpty()) settings.put("azurerm", azurerm);
    checkEntra(azurerm);
    Map<String, String> kube = block("/state/kubernetes");
    String kubeconfig = kube.get("kubeconfig");
    if (kubeconfig != null) putPath(kube, "kubeconfig", "/state/kubernetes/kubeconfig", kubeconfig);
    if (!kube.isEmpty()) settings.put("kubernetes", kube);
    Map<String, String> labels = new LinkedHashMap<>();
    for (String k : in.keys("/state/kubernetes/labels")) {
      String v = in.text(SourceMap.child("/state/kubernetes/labels", k), null);
      if (v != null) labels.put(k, v);
    }
    String keyEnv = in.text("/state/encryption/key_env", null);
    String keyFileText = in.text("/state/encryption/key_file", null);
    Path keyFile = keyFileText == null ? null : in.path("/state/encryption/key_file", keyFileText);
    return new StateSpec(in.text("/state/backend", null), settings, labels, keyEnv, keyFile);
  }

  /**
   * The Entra ID settings only where Entra ID is used: not beside auth key or sas, not with an
   * http:// endpoint (the Azure SDK sends tokens over HTTPS only), and a service connection only
   * for the azurePipelines source.
   */
  private void checkEntra(Map<String, String> azurerm) {
    String auth = azurerm.getOrDefault("auth", "auto");
    for (String k : ENTRA_SETTINGS) {
      if (azurerm.containsKey(k) && (auth.equals("key") || auth.equals("sas"))) {
        in.errorAtKey("/state/azurerm/" + k, k + " is for signing in with Entra ID, but state.azurerm.auth is " + auth
            + "; drop it, or use auth identity");
      }
    }
    String endpoint = azurerm.get("endpoint");
    if (auth.equals("identity") && endpoint != null && !endpoint.regionMatches(true, 0, "https://", 0, 8)) {
      in.error("/state/azurerm/endpoint", "auth identity signs in with Entra ID, whose tokens are sent over HTTPS only; use an https://"
          + " endpoint (or a storage account key or SAS token for a local emulator over http)");
    }
    String source = azurerm.get("entra_source");
    if (azurerm.containsKey("service_connection_id") && source != null && !source.equals("azurePipelines")) {
      in.errorAtKey("/state/azurerm/service_connection_id", "service_connection_id is for entra_source azurePipelines, not " + source);
    }
  }

  /** The block's scalar settings as text (integers too); nested mappings (labels) are read apart. */
  private Map<String, String> block(String at) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String key : in.keys(at)) {
      String pointer = at + "/" + key;
      String text = in.text(pointer, null);
      if (text != null) values.put(key, text);
      else if (in.valid(pointer) && in.integer(pointer, Integer.MIN_VALUE) != Integer.MIN_VALUE) {
        values.put(key, Integer.toString(in.integer(pointer, 0)));
      }
    }
    return values;
  }

  private void putPath(Map<String, String> into, String key, String pointer, String raw) {
    Path p = in.path(pointer, raw);
    if (p != null) into.put(key, p.toString());
  }
}
