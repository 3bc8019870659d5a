package io.fluxstrap.azure;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who a token speaks for, read from its claims (not verified: only shown): tenant ({@code tid}),
 * application / client id ({@code appid} or {@code azp}), object id ({@code oid}) and, for a person,
 * {@code upn}. Empty fields are null. Never holds the token itself.
 */
public record EntraIdentity(String tenantId, String clientId, String objectId, String user) {
  private static final Pattern CLAIM = Pattern.compile("\"(tid|appid|azp|oid|upn|unique_name)\"\\s*:\\s*\"([^\"]{1,200})\"");

  /** The identity in an access token; all null when the token is not a readable JWT. */
  public static EntraIdentity of(String token) {
    String[] parts = token.split("\\.");
    if (parts.length < 2) return new EntraIdentity(null, null, null, null);
    String json;
    try {
      json = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return new EntraIdentity(null, null, null, null);
    }
    String tid = null, app = null, oid = null, upn = null;
    Matcher m = CLAIM.matcher(json);
    while (m.find()) {
      String v = m.group(2);
      switch (m.group(1)) {
        case "tid" -> tid = v;
        case "appid", "azp" -> app = app == null ? v : app;
        case "oid" -> oid = v;
        default -> upn = upn == null ? v : upn;
      }
    }
    return new EntraIdentity(tid, app, oid, upn);
  }

  /** E.g. {@code tenant 72f9..., client 04b0..., object 1c3e...}; "unknown identity" when nothing is known. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    if (user != null) parts.add("user " + user);
    if (tenantId != null) parts.add("tenant " + tenantId);
    if (clientId != null) parts.add("client " + clientId);
    if (objectId != null) parts.add("object " + objectId);
    return parts.isEmpty() ? "unknown identity" : String.join(", ", parts);
  }
}
