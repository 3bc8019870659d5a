package io.fluxstrap.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.diag.Diagnostic;
import io.fluxstrap.diag.Diagnostics;
import io.fluxstrap.diag.SourceRange;
import io.fluxstrap.diag.UserException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Valid specs load into exactly the expected records: defaults applied, paths resolved. */
class SpecLoaderTest {
  static final String SHA = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @TempDir Path tmp;

  private Path write(String relative, String text) throws IOException {
    Path file = tmp.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  private SpecLoader loader() {
    return new SpecLoader(Map.of("HOME", "/home/anna"));
  }

  @Test
  void loadsEveryFieldOfAFullSpec() throws IOException {
    write("specs/ca.pem", "-----BEGIN CERTIFICATE-----\n");
    write("specs/flux/install.yaml", "# install\n");
    String text =
        """
        name: fleet-prod
        state:
          path: ../state/prod.json
        repositories:
          fleet:
            url: https://contoso@dev.azure.com/contoso/platform/_git/fleet/
            branch: release/2026
            author: {name: Platform Bot, email: bot@contoso.com}
            auth:
              token: {env: ADO_PAT, username: pat, expires: 2027-03-01}
            caFile: ./ca.pem
          sandbox:
            local: ../sandbox/fleet.git
            author: {email: dev@example.com}
            auth: {token: {}}
        clusters:
          prod-weu:
            kubeconfig: {path: ~/.kube/prod, context: prod-weu}
            repository: fleet
            path: ./clusters/prod-weu
            sync: {auth: token}
            flux:
              version: v2.7.5
              components: [source-controller, kustomize-controller]
              componentsExtra: [image-reflector-controller]
              namespace: flux
              secretName: git-creds
              interval: 30s
              manifests: {file: ./flux/install.yaml, sha256: %s}
            health: {wait: false, timeout: 2m30s}
          dev:
            sandbox: {dir: ../sandbox/cluster}
            repository: sandbox
            flux:
              version: v2.8.0-rc.1
              manifests: {sha256: %s}
        """
            .formatted(SHA, SHA);
    Path file = write("specs/fleet.yaml", text);

    Spec spec = loader().load(file);

    Path specs = tmp.resolve("specs");
    RepositorySpec fleet =
        new RepositorySpec(
            "fleet",
            "https://dev.azure.com/contoso/platform/_git/fleet",
            "release/2026",
            new Author("Platform Bot", "bot@contoso.com"),
            new GitAuth.Token("pat", "ADO_PAT", LocalDate.of(2027, 3, 1)),
            false,
            specs.resolve("ca.pem"));
    RepositorySpec sandbox =
        new RepositorySpec(
            "sandbox",
            "file://" + tmp.resolve("sandbox/fleet.git").toUri().getRawPath(),
            "main",
            new Author("Flux", "dev@example.com"),
            new GitAuth.Token(GitAuth.Token.DEFAULT_USERNAME, GitAuth.Token.DEFAULT_ENV, null),
            false,
            null);
    ClusterSpec prod =
        new ClusterSpec(
            "prod-weu",
            new KubeTarget.Kubeconfig(Path.of("/home/anna/.kube/prod"), "prod-weu"),
            "fleet",
            "clusters/prod-weu",
            new FluxSpec(
                "v2.7.5",
                List.of("source-controller", "kustomize-controller"),
                List.of("image-reflector-controller"),
                "flux",
                "git-creds",
                "30s",
                new ManifestSource.File(specs.resolve("flux/install.yaml"), SHA)),
            new SyncAuth.Token(),
            new HealthSpec(false, Duration.ofSeconds(150)));
    ClusterSpec dev =
        new ClusterSpec(
            "dev",
            new KubeTarget.Sandbox(tmp.resolve("sandbox/cluster")),
            "sandbox",
            "",
            new FluxSpec(
                "v2.8.0-rc.1",
                FluxSpec.DEFAULT_COMPONENTS,
                List.of(),
                "flux-system",
                "flux-system",
                "1m0s",
                new ManifestSource.Url(
                    URI.create("https://github.com/fluxcd/flux2/releases/download/v2.8.0-rc.1/install.yaml"), SHA,
                    URI.create("https://github.com/fluxcd/flux2/releases/download/v2.8.0-rc.1/flux_2.8.0-rc.1_checksums.txt"))),
            new SyncAuth.Token(),
            HealthSpec.DEFAULT);
    Spec expected =
        new Spec(file, text, "fleet-prod", tmp.resolve("state/prod.json"), Map.of("fleet", fleet, "sandbox", sandbox), Map.of("prod-weu", prod, "dev", dev),
            new StateSpec(null, Map.of("local", Map.of("path", tmp.resolve("state/prod.json").toString())), Map.of(), null, null));
    assertEquals(expected, spec);
    assertEquals(List.of("fleet", "sandbox"), List.copyOf(spec.repositories().keySet()), "file order");
    assertEquals(List.of("prod-weu", "dev"), List.copyOf(spec.clusters().keySet()), "file order");
  }

  @Test
  void appliesTheDefaultsOfAMinimalSpec() throws IOException {
    Path file =
        write(
            "fleet-dev.yaml",
            """
            repositories:
              fleet:
                url: https://dev.azure.com/contoso/platform/_git/fleet
            clusters:
              dev:
                kubeconfig: {}
                repository: fleet
                flux:
                  manifests:
                    sha256: %s
            """
                .formatted(SHA));

    Spec spec = loader().load(file);

    assertEquals("fleet-dev", spec.name(), "the file's base name");
    assertNull(spec.stateFile());
    RepositorySpec repo = spec.repositories().get("fleet");
    assertEquals("main", repo.branch());
    assertEquals(Author.DEFAULT, repo.author());
    assertEquals(new GitAuth.Token("git", "GIT_PASSWORD", null), repo.auth());
    assertEquals(false, repo.allowInsecureHttp());
    assertNull(repo.caFile());
    ClusterSpec dev = spec.clusters().get("dev");
    assertEquals(new KubeTarget.Kubeconfig(null, null), dev.target());
    assertEquals("", dev.path());
    assertEquals("flux-system", dev.fluxDir());
    assertEquals(new SyncAuth.Token(), dev.sync());
    assertEquals(HealthSpec.DEFAULT, dev.health());
    assertEquals(
        new FluxSpec(
            "v2.9.5",
            FluxSpec.DEFAULT_COMPONENTS,
            List.of(),
            "flux-system",
            "flux-system",
            "1m0s",
            new ManifestSource.Url(URI.create("https://github.com/fluxcd/flux2/releases/download/v2.9.5/install.yaml"), SHA,
                URI.create("https://github.com/fluxcd/flux2/releases/download/v2.9.5/flux_2.9.5_checksums.txt"))),
        dev.flux());
  }

  /** No flux block at all: the newest release, verified against its checksums file (no hand-typed sha256). */
  @Test
  void withoutAFluxBlockTheReleaseIsVerifiedByItsChecksumsFile() throws IOException {
    Path file = write("fleet-dev.yaml", """
        repositories:
          fleet:
            url: https://dev.azure.com/contoso/platform/_git/fleet
        clusters:
          dev:
            kubeconfig: {}
            repository: fleet
          mirror:
            kubeconfig: {}
            repository: fleet
            path: clusters/mirror
            flux:
              version: v2.7.5
              manifests:
                url: https://mirror.example.com/flux/v2.7.5/install.yaml
        """);
    Spec spec = loader().load(file);
    assertEquals(new ManifestSource.Url(URI.create("https://github.com/fluxcd/flux2/releases/download/v2.9.5/install.yaml"), null,
        URI.create("https://github.com/fluxcd/flux2/releases/download/v2.9.5/flux_2.9.5_checksums.txt")),
        spec.clusters().get("dev").flux().manifests());
    assertEquals("v2.9.5", spec.clusters().get("dev").flux().version());
    assertEquals(new ManifestSource.Url(URI.create("https://mirror.example.com/flux/v2.7.5/install.yaml"), null,
        URI.create("https://mirror.example.com/flux/v2.7.5/flux_2.7.5_checksums.txt")),
        spec.clusters().get("mirror").flux().manifests());
  }

  @Test
  void dropsTheAzureDevOpsUserAndKeepsHttpWhenAllowed() throws IOException {
    Path file =
        write(
            "spec.yaml",
            """
            repositories:
              ado:
                url: https://contoso@dev.azure.com/contoso/platform/_git/fleet
              lab:
                url: http://git.lab.example:8080/fleet.git
                allowInsecureHttp: true
            clusters:
              a: {kubeconfig: {}, repository: ado, flux: {manifests: {sha256: %s}}}
              b: {kubeconfig: {}, repository: lab, flux: {manifests: {sha256: %s}}}
            """
                .formatted(SHA, SHA));
    Spec spec = loader().load(file);
    assertEquals("https://dev.azure.com/contoso/platform/_git/fleet", spec.repositories().get("ado").url());
    assertEquals("http://git.lab.example:8080/fleet.git", spec.repositories().get("lab").url());
    assertTrue(spec.repositories().get("lab").allowInsecureHttp());
  }

  @Test
  void aLocalRepositoryUrlDoesNotChangeOnceTheRepositoryExists() throws IOException {
    Path file =
        write(
            "specs/sandbox.yaml",
            """
            repositories:
              fleet: {local: ../state/sandbox/fleet.git, auth: {token: {}}}
            clusters:
              dev: {sandbox: {dir: ../state/sandbox/cluster}, repository: fleet, flux: {manifests: {sha256: %s}}}
            """
                .formatted(SHA));
    String before = loader().load(file).repositories().get("fleet").url();
    Files.createDirectories(tmp.resolve("state/sandbox/fleet.git"));
    String after = loader().load(file).repositories().get("fleet").url();
    assertEquals(before, after);
    assertEquals(tmp.resolve("state/sandbox/fleet.git").toUri().toString().replaceAll("/$", ""), after);
  }

  @Test
  void warningsAreHandedBackWhenTheSpecLoads() throws IOException {
    Path file =
        write(
            "spec.yaml",
            """
            repositories:
              fleet: {url: https://dev.azure.com/contoso/platform/_git/fleet}
              spare: {url: https://dev.azure.com/contoso/platform/_git/spare}
            clusters:
              a: {kubeconfig: {}, repository: fleet, flux: {manifests: {sha256: %s}}}
            """
                .formatted(SHA));
    Diagnostics warnings = new Diagnostics();
    loader().load(file, warnings);
    assertEquals(
        List.of(Diagnostic.warning(new SourceRange(file, 3, 3), "repository 'spare' is not used by any cluster")), warnings.sorted());
  }

  @Test
  void parsingTextGivesWhatLoadingTheFileGives() throws IOException {
    Path file = Path.of("examples/azure-devops-pat.yaml");
    assertEquals(loader().load(file), loader().parse(file, Files.readString(file)));
  }

  @Test
  void aMissingFileIsAUserError() {
    Path file = tmp.resolve("nope.yaml");
    UserException e = assertThrows(UserException.class, () -> loader().load(file));
    assertEquals(List.of(Diagnostic.error(SourceRange.of(file), "spec file not found")), e.diagnostics());
  }

  @Test
  void tildeNeedsHome() throws IOException {
    Path file =
        write(
            "spec.yaml",
            """
            repositories:
              fleet: {url: https://dev.azure.com/contoso/platform/_git/fleet}
            clusters:
              a: {kubeconfig: {path: ~/.kube/config}, repository: fleet, flux: {manifests: {sha256: %s}}}
            """
                .formatted(SHA));
    UserException e = assertThrows(UserException.class, () -> new SpecLoader(Map.of()).load(file));
    assertEquals(List.of(Diagnostic.error(new SourceRange(file, 4, 26), "cannot expand '~': HOME is not set")), e.diagnostics());
  }

  @Test
  void aFileNameThatIsNoSpecNameNeedsAnExplicitName() throws IOException {
    String text =
        """
        repositories:
          fleet: {url: https://dev.azure.com/contoso/platform/_git/fleet}
        clusters:
          a: {kubeconfig: {}, repository: fleet, flux: {manifests: {sha256: %s}}}
        """
            .formatted(SHA);
    Path bad = write("My Fleet.yaml", text);
    UserException e = assertThrows(UserException.class, () -> loader().load(bad));
    assertEquals(new SourceRange(bad, 1, 1), e.diagnostics().get(0).range());
    assertTrue(e.diagnostics().get(0).summary().contains("set 'name'"), e.diagnostics().get(0).summary());
    assertEquals("my-fleet", loader().load(write("named.yaml", "name: my-fleet\n" + text)).name());
  }
}
