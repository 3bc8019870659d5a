package io.fluxstrap.spec;

import static io.fluxstrap.spec.SourceMap.child;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads {@code sync.auth.workloadIdentity}: source-controller pulls from Azure DevOps with an Entra
 * identity of its own (Flux's {@code provider: azure}), so the repository must be an Azure DevOps
 * HTTPS URL. A loopback http(s) URL (a test server on this machine) is accepted too.
 */
final class WorkloadIdentityReader {
  private static final Pattern AZURE_DEVOPS = Pattern.compile("^https://dev\\.azure\\.com/[^/]+/[^/]+/_git/[^/]+$");
  private final ReadContext in;

  WorkloadIdentityReader(ReadContext in) {
    this.in = in;
  }

  SyncAuth read(String at, RepositorySpec repo) {
    String clientId = in.text(child(at, "clientId"), null);
    String tenantId = in.text(child(at, "tenantId"), null);
    if (repo != null && !AZURE_DEVOPS.matcher(repo.url()).matches() && !loopback(repo.url())) {
      String message = "workload identity (sync.auth of a cluster) needs an Azure DevOps repository URL "
          + "https://dev.azure.com/{org}/{project}/_git/{repo}; repository '" + repo.name() + "' is " + repo.url();
      String urlAt = child(child("/repositories", repo.name()), "url");
      if (in.has(urlAt)) in.error(urlAt, message);
      else in.errorAtKey(at, message);
    }
    return clientId == null ? null : new SyncAuth.WorkloadIdentity(clientId, tenantId);
  }

  /** Flux releases before {@link SyncAuth.WorkloadIdentity#MINIMUM_FLUX} have no provider field on GitRepository. */
  static boolean supports(String fluxVersion) {
    int[] want = parts(SyncAuth.WorkloadIdentity.MINIMUM_FLUX);
    int[] have = parts(fluxVersion);
    if (have == null) return true; // an unparsable version is reported where it is read
    for (int i = 0; i < 3; i++) if (have[i] != want[i]) return have[i] > want[i];
    return true;
  }

  private static int[] parts(String version) {
    var m = Pattern.compile("^v?(\\d+)\\.(\\d+)\\.(\\d+)").matcher(version);
    if (!m.find()) return null;
    return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
  }

  private static boolean loopback(String url) {
    try {
      URI u = new URI(url);
      String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
      return (url.startsWith("http://") || url.startsWith("https://")) && (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]"));
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
