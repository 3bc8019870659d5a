package io.fluxstrap.testing;

import io.fluxstrap.spec.Author;
import io.fluxstrap.spec.ClusterSpec;
import io.fluxstrap.spec.FluxSpec;
import io.fluxstrap.spec.GitAuth;
import io.fluxstrap.spec.HealthSpec;
import io.fluxstrap.spec.KubeTarget;
import io.fluxstrap.spec.ManifestSource;
import io.fluxstrap.spec.RepositorySpec;
import io.fluxstrap.spec.Spec;
import io.fluxstrap.spec.SyncAuth;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Spec records built in code, for tests below the loader: one repository "fleet", PAT flow. */
public final class Specs {
  private Specs() {}

  public static RepositorySpec repo() {
    return new RepositorySpec("fleet", "https://dev.azure.com/o/p/_git/fleet", "main", Author.DEFAULT,
        new GitAuth.Token("git", "GIT_PASSWORD", null), false, null);
  }

  public static ClusterSpec cluster(String name, List<String> components) {
    FluxSpec flux = new FluxSpec("v2.7.5", components, List.of(), "flux-system", "flux-system", "1m0s",
        new ManifestSource.File(Path.of("install.yaml"), null));
    return new ClusterSpec(name, new KubeTarget.Kubeconfig(null, name), "fleet", "clusters/" + name, flux, new SyncAuth.Token(), HealthSpec.DEFAULT);
  }

  public static Spec spec(List<ClusterSpec> clusters) {
    Map<String, ClusterSpec> cs = new LinkedHashMap<>();
    for (ClusterSpec c : clusters) cs.put(c.name(), c);
    return new Spec(Path.of("spec.yaml"), "", "t", null, Map.of("fleet", repo()), cs);
  }
}
