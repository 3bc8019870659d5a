package io.fluxstrap.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * A fake Azure CLI: an {@code az} script in {@code target/fake-az}, which surefire puts first on the
 * test JVM's PATH (see pom.xml), so Azure Identity's real AzureCliCredential runs it exactly as it
 * runs the real one ({@code /bin/sh -c "az account get-access-token ..."}). Each call hands out the
 * next token of a list (the last one repeats) with the configured lifetime, or fails like an
 * Azure CLI without a login. Calls and their arguments are logged. One at a time: tests using it
 * must not run in parallel (surefire runs classes one after another here).
 */
public final class FakeAz implements AutoCloseable {
  public static final Path DIR = Path.of("target", "fake-az").toAbsolutePath();

  private FakeAz() {}

  /** A fake az that hands out {@code tokens} in order, each valid {@code lifetimeSeconds} from issue. */
  public static FakeAz issuing(List<String> tokens, long lifetimeSeconds) {
    FakeAz az = new FakeAz();
    az.install();
    az.write("tokens", String.join("\n", tokens) + "\n");
    az.write("lifetime", Long.toString(lifetimeSeconds));
    return az;
  }

  /** A fake az that fails as a logged-out Azure CLI does. */
  public static FakeAz loggedOut() {
    FakeAz az = new FakeAz();
    az.install();
    az.write("fail", "ERROR: Please run 'az login' to setup account.");
    return az;
  }

  /** A JWT-shaped access token carrying the claims the plan shows; {@code marker} makes it unique. */
  public static String jwt(String tenant, String appId, String objectId, String marker) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString("{\"typ\":\"JWT\",\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8));
    String body = "{\"aud\":\"499b84ac-1321-427f-aa17-267ca6975798\",\"tid\":\"" + tenant + "\",\"appid\":\"" + appId
        + "\",\"oid\":\"" + objectId + "\",\"jti\":\"" + marker + "\"}";
    return header + "." + b64.encodeToString(body.getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(("sig-" + marker).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * An access token for {@code audience} as Entra ID issues them (issuer {@code
   * https://sts.windows.net/<tenant>/}, {@code iat}/{@code nbf} five minutes ago, {@code exp}), unsigned:
   * enough for a server that checks issuer, audience and lifetime, as Azurite's {@code --oauth basic} does.
   */
  public static String jwt(String audience, String tenant, String appId, String objectId, String marker, Instant expires) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    long now = Instant.now().getEpochSecond();
    String header = b64.encodeToString("{\"typ\":\"JWT\",\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8));
    String body = "{\"aud\":\"" + audience + "\",\"iss\":\"https://sts.windows.net/" + tenant + "/\",\"iat\":" + (now - 300)
        + ",\"nbf\":" + (now - 300) + ",\"exp\":" + expires.getEpochSecond() + ",\"tid\":\"" + tenant + "\",\"appid\":\"" + appId
        + "\",\"oid\":\"" + objectId + "\",\"jti\":\"" + marker + "\"}";
    return header + "." + b64.encodeToString(body.getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(("sig-" + marker).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * From now on, a token is handed out only when asked for {@code resource} ({@code --resource}, as
   * AzureCliCredential asks); any other resource fails as Entra ID does for an unknown resource.
   */
  public FakeAz onlyFor(String resource) {
    write("resource", resource);
    return this;
  }

  /** How many times az was run. */
  public int calls() {
    return log().size();
  }

  /** The argument lines of each call. */
  public List<String> log() {
    Path f = DIR.resolve("calls.log");
    try {
      return Files.exists(f) ? Files.readAllLines(f) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void install() {
    try {
      if (Files.isDirectory(DIR)) {
        try (var s = Files.list(DIR)) {
          for (Path p : s.toList()) Files.delete(p);
        }
      }
      Files.createDirectories(DIR);
      Path az = DIR.resolve("az");
      Files.writeString(az, SCRIPT.replace("@DIR@", DIR.toString()));
      Files.setPosixFilePermissions(az, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write(String name, String content) {
    try {
      Files.writeString(DIR.resolve(name), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    write("fail", "ERROR: fake az closed by its test.");
  }

  private static final String SCRIPT = """
      #!/bin/sh
      dir='@DIR@'
      echo "$*" >> "$dir/calls.log"
      if [ -f "$dir/fail" ]; then cat "$dir/fail" >&2; exit 1; fi
      if [ -f "$dir/resource" ]; then
        want=$(cat "$dir/resource"); got=''; prev=''
        for a in "$@"; do [ "$prev" = "--resource" ] && got=$a; prev=$a; done
        if [ "$got" != "$want" ]; then
          echo "ERROR: AADSTS500011: The resource principal named $got was not found in the tenant (this fake az issues tokens for $want only)." >&2
          exit 1
        fi
      fi
      n=$(wc -l < "$dir/calls.log")
      total=$(wc -l < "$dir/tokens")
      [ "$n" -gt "$total" ] && n=$total
      token=$(sed -n "${n}p" "$dir/tokens")
      exp=$(( $(date +%s) + $(cat "$dir/lifetime") ))
      local=$(date -d "@$exp" '+%Y-%m-%d %H:%M:%S.000000')
      printf '{"accessToken": "%s", "expiresOn": "%s", "expires_on": %s, "subscription": "00000000-0000-0000-0000-000000000000", "tenant": "t", "tokenType": "Bearer"}\\n' "$token" "$local" "$exp"
      """;
}
