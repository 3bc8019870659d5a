package io.fluxstrap.plan;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * The typed steps of a plan. Each holds what the executor needs besides the spec and the
 * credentials; none holds a secret. Handled exhaustively by the executor and the views.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Action.GenerateKey.class, name = "generate_key"),
  @JsonSubTypes.Type(value = Action.TrustHostKey.class, name = "trust_host_key"),
  @JsonSubTypes.Type(value = Action.RenderManifests.class, name = "render_manifests"),
  @JsonSubTypes.Type(value = Action.Commit.class, name = "commit"),
  @JsonSubTypes.Type(value = Action.Push.class, name = "push"),
  @JsonSubTypes.Type(value = Action.CreateNamespace.class, name = "create_namespace"),
  @JsonSubTypes.Type(value = Action.ApplySecret.class, name = "apply_secret"),
  @JsonSubTypes.Type(value = Action.ApplyComponents.class, name = "apply_components"),
  @JsonSubTypes.Type(value = Action.ApplySync.class, name = "apply_sync"),
  @JsonSubTypes.Type(value = Action.WaitHealthy.class, name = "wait_healthy"),
  @JsonSubTypes.Type(value = Action.SuspendSync.class, name = "suspend_sync"),
  @JsonSubTypes.Type(value = Action.PruneWorkloads.class, name = "prune_workloads"),
  @JsonSubTypes.Type(value = Action.DeleteSync.class, name = "delete_sync"),
  @JsonSubTypes.Type(value = Action.DeleteComponents.class, name = "delete_components"),
  @JsonSubTypes.Type(value = Action.DeleteSecret.class, name = "delete_secret"),
  @JsonSubTypes.Type(value = Action.DeleteNamespace.class, name = "delete_namespace"),
  @JsonSubTypes.Type(value = Action.RemoveManifests.class, name = "remove_manifests"),
  @JsonSubTypes.Type(value = Action.ForgetCluster.class, name = "forget_cluster"),
  @JsonSubTypes.Type(value = Action.ForgetRepository.class, name = "forget_repository"),
  @JsonSubTypes.Type(value = Action.ForgetHostKey.class, name = "forget_host_key")
})
public sealed interface Action {
  /** Exhaustive handling of every step kind (Java 17 has no pattern switch). */
  interface Visitor<R> {
    R generateKey(GenerateKey a);

    R trustHostKey(TrustHostKey a);

    R renderManifests(RenderManifests a);

    R commit(Commit a);

    R push(Push a);

    R createNamespace(CreateNamespace a);

    R applySecret(ApplySecret a);

    R applyComponents(ApplyComponents a);

    R applySync(ApplySync a);

    R waitHealthy(WaitHealthy a);

    R suspendSync(SuspendSync a);

    R pruneWorkloads(PruneWorkloads a);

    R deleteSync(DeleteSync a);

    R deleteComponents(DeleteComponents a);

    R deleteSecret(DeleteSecret a);

    R deleteNamespace(DeleteNamespace a);

    R removeManifests(RemoveManifests a);

    R forgetCluster(ForgetCluster a);

    R forgetRepository(ForgetRepository a);

    R forgetHostKey(ForgetHostKey a);
  }

  <R> R accept(Visitor<R> visitor);

  /** A step on a cluster's Kubernetes API (as opposed to a repository step). */
  sealed interface ClusterAction extends Action {
    String cluster();
  }

  /**
   * Generate a new SSH key for a cluster's Secret (flow 2). Runs first in a plan so the user can
   * register the public key before anything else changes; the private key stays in memory until
   * the secret step writes it to the cluster.
   */
  record GenerateKey(String cluster, String algorithm, int rsaBits, String ecdsaCurve) implements Action {
    @Override
    public <R> R accept(Visitor<R> v) {
      return v.generateKey(this);
    }
  }

  /**
   * Trust an SSH host key (pinned in the spec, scanned, or accepted with --accept-host-key): apply
   * records it in state, where later runs find it. {@code knownHosts} are known_hosts lines.
   */
  record TrustHostKey(String host, int port, String fingerprint, List<String> knownHosts) implements Action {
    @Override
    public <R> R accept(Visitor<R> v) {
      return v.trustHostKey(this);
    }

    public TrustHostKey {
      knownHosts = List.copyOf(knownHosts);
    }
  }

  /** A file to write under a cluster's flux-system folder; hashes are {@code sha256:<hex>}, null when absent. */
  record FileChange(String path, String beforeHash, String afterHash) {}

  /**
   * Render the Flux manifests for a cluster into its repository folder. {@code movedFrom}: the
   * folder's recorded location when the cluster moves (path or repository changed), null otherwise;
   * the push records it until a later {@link RemoveManifests} with {@code moved} removes it.
   */
  record RenderManifests(String cluster, String repository, List<FileChange> files, Location movedFrom) implements Action {
    public RenderManifests(String cluster, String repository, List<FileChange> files) {
      this(cluster, repository, files, null);
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.renderManifests(this);
    }

    public RenderManifests {
      files = List.copyOf(files);
    }
  }

  /** One commit on top of {@code baseHead} holding every rendered file of this repository. */
  record Commit(String repository, String branch, String baseHead, String message, List<String> paths)
      implements Action {
    @Override
    public <R> R accept(Visitor<R> v) {
      return v.commit(this);
    }

    public Commit {
      paths = List.copyOf(paths);
    }
  }

  /** Push the commit; never forced. {@code baseHead} null means the branch is created. */
  record Push(String repository, String branch, String baseHead) implements Action {
    @Override
    public <R> R accept(Visitor<R> v) {
      return v.push(this);
    }
  }

  record CreateNamespace(String cluster, String namespace) implements ClusterAction {
    @Override
    public <R> R accept(Visitor<R> v) {
      return v.createNamespace(this);
    }
  }

  /**
   * Create or update Secret {@code name}; {@code fingerprint} is of the data to write, or null when
   * that data holds a key generated during apply or kept from the cluster (known after apply).
   */
  record ApplySecret(String cluster, String namespace, String name, List<String> keys, String fingerprint) implements ClusterAction {
    @Override
    public <R> R accept(Visitor<R> v) {
      return v.applySecret(this);
    }

    public ApplySecret {
      keys = List.copyOf(keys);
    }
  }

  /**
   * Server-side apply of gotk-components.yaml (CRDs and namespaces first). {@code change}: what an
   * upgrade or a change of components changes at object level; null for a first install or when
   * only the file's bytes changed.
   */
  record ApplyComponents(String cluster, String version, String sha256, ComponentsChange change) implements ClusterAction {
    public ApplyComponents(String cluster, String version, String sha256) {
      this(cluster, version, sha256, null);
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.applyComponents(this);
    }
  }

  /** Server-side apply of gotk-sync.yaml (GitRepository + Kustomization). */
  record ApplySync(String cluster, String sha256) implements ClusterAction {
    @Override
    public <R> R accept(Visitor<R> v) {
      return v.applySync(this);
    }
  }

  /** Wait until the sync objects are Ready at the pushed revision and the controllers are available. */
  record WaitHealthy(String cluster, long timeoutSeconds) implements ClusterAction {
    @Override
    public <R> R accept(Visitor<R> v) {
      return v.waitHealthy(this);
    }
  }

  // Destroy, in this order per cluster (each recorded in state as it completes, so a killed destroy
  // is finished by the next): suspend, prune (optional), sync objects, components, secret,
  // namespace; then the repository folders (one commit per repository); then forget.

  /** Suspend the flux-system Kustomization and GitRepository so Flux does not fight the destroy. */
  record SuspendSync(String cluster, String namespace) implements ClusterAction {
    @Override
    public <R> R accept(Visitor<R> v) {
      return v.suspendSync(this);
    }
  }

  /** Delete what the flux-system Kustomization applied (its inventory), except Flux itself (--prune-workloads). */
  record PruneWorkloads(String cluster, String namespace) implements ClusterAction {
    @Override
    public <R> R accept(Visitor<R> v) {
      return v.pruneWorkloads(this);
    }
  }

  /** Delete the flux-system Kustomization and GitRepository, removing their finalizers first (as flux uninstall does). */
  record DeleteSync(String cluster, String namespace) implements ClusterAction {
    @Override
    public <R> R accept(Visitor<R> v) {
      return v.deleteSync(this);
    }
  }

  /** Delete the Flux components (labelled part of Flux), then the Flux CRDs unless {@code keepCrds}. */
  record DeleteComponents(String cluster, String namespace, boolean keepCrds) implements ClusterAction {
    @Override
    public <R> R accept(Visitor<R> v) {
      return v.deleteComponents(this);
    }
  }

  record DeleteSecret(String cluster, String namespace, String name) implements ClusterAction {
    @Override
    public <R> R accept(Visitor<R> v) {
      return v.deleteSecret(this);
    }
  }

  record DeleteNamespace(String cluster, String namespace) implements ClusterAction {
    @Override
    public <R> R accept(Visitor<R> v) {
      return v.deleteNamespace(this);
    }
  }

  /**
   * Remove folder {@code dir} ({@code <path>/flux-system}) in the repository's next commit. {@code moved}:
   * the cluster stays, its folder moved elsewhere (planned after Flux is healthy at the new place);
   * else the cluster is destroyed.
   */
  record RemoveManifests(String cluster, String repository, String dir, boolean moved) implements Action {
    public RemoveManifests(String cluster, String repository, String dir) {
      this(cluster, repository, dir, false);
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.removeManifests(this);
    }
  }

  /** Remove {@code cluster.<name>} and whatever else state still holds under it; touches nothing else. */
  record ForgetCluster(String cluster) implements Action {
    @Override
    public <R> R accept(Visitor<R> v) {
      return v.forgetCluster(this);
    }
  }

  /** Remove {@code repository.<name>} from state; the repository itself is left alone. */
  record ForgetRepository(String repository) implements Action {
    @Override
    public <R> R accept(Visitor<R> v) {
      return v.forgetRepository(this);
    }
  }

  /** Remove {@code ssh_host.<host>[:port]} from state (no repository or cluster uses it any more); touches nothing else. */
  record ForgetHostKey(String host, int port) implements Action {
    @Override
    public <R> R accept(Visitor<R> v) {
      return v.forgetHostKey(this);
    }
  }
}
