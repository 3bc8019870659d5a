package io.fluxstrap.plan;

import io.fluxstrap.diag.UserException;
import io.fluxstrap.spec.ClusterSpec;
import io.fluxstrap.spec.Spec;
import io.fluxstrap.state.ResourceState;
import io.fluxstrap.state.State;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides what to destroy: every cluster state holds that the spec no longer names, or (destroy,
 * plan -destroy) every cluster in state. Plans only what state still records, so a destroy killed
 * half-way is finished by the next one, and a finished destroy plans nothing. Per cluster, in
 * order: suspend the sync objects, prune workloads (optional), delete the sync objects, the
 * components and CRDs, the Secret, the namespace; the folders go in one commit per repository;
 * then the cluster is forgotten.
 */
final class DestroyPlanner {
  /** {@code cluster}: steps 1-5 of every destroyed cluster; {@code removals}: by repository; {@code forget}: last. */
  record Result(List<Step> cluster, Map<String, List<Step>> removals, List<Step> forget) {
    boolean isEmpty() {
      return cluster.isEmpty() && removals.isEmpty() && forget.isEmpty();
    }
  }

  private DestroyPlanner() {}

  /** The clusters this plan destroys, each with why. */
  static Map<String, String> chosen(Spec spec, State state, Teardown t) {
    Set<String> inState = Addresses.clustersIn(state);
    for (String target : t.targets()) {
      if (!spec.clusters().containsKey(target) && !inState.contains(target)) {
        throw new UserException("-target=cluster." + target + ": no such cluster in the spec or in state");
      }
    }
    Map<String, String> chosen = new LinkedHashMap<>();
    for (String name : inState) {
      if (!t.targeted(name)) continue;
      ClusterSpec c = spec.clusters().get(name);
      if (c == null) chosen.put(name, "cluster." + name + " is in state but not in the spec");
      else if (t.all()) chosen.put(name, "destroy requested" + (t.targets().isEmpty() ? "" : " with -target=cluster." + name));
      else continue;
      if (c != null && c.preventDestroy() != null) {
        throw new UserException(c.preventDestroy(), "cluster." + name + " has lifecycle.preventDestroy set, and this plan would destroy it;"
            + " remove the guard (or set it to false) to destroy it, or leave cluster." + name + " out with -target");
      }
    }
    return chosen;
  }

  static Result plan(Spec spec, State state, Observed o, Teardown t) {
    List<Step> cluster = new ArrayList<>();
    Map<String, List<Step>> removals = new LinkedHashMap<>();
    List<Step> forget = new ArrayList<>();
    for (Map.Entry<String, String> e : chosen(spec, state, t).entrySet()) {
      String n = e.getKey();
      String why = e.getValue();
      ClusterSpec inSpec = spec.clusters().get(n);
      ClusterRecord r = inSpec != null ? ClusterRecord.of(inSpec) : ClusterRecord.of(state, n);
      // Flux's namespace and folder are fluxstrap's whenever it installed Flux there (the components
      // include the Namespace; the sync objects point at the folder), even if they existed already
      // when it did and so were never recorded on their own.
      boolean installed = has(state, Addresses.sync(n)) || has(state, Addresses.components(n));
      boolean touchesCluster = installed || has(state, Addresses.secret(n))
          || (has(state, Addresses.namespace(n)) && !t.keepNamespace());
      boolean touchesRepo = !t.keepRepositoryFiles() && (has(state, Addresses.manifests(n))
          || (installed && r != null && r.fluxDir() != null && r.repository() != null));
      if (r == null && (touchesCluster || touchesRepo)) {
        throw new UserException("cluster." + n + " is in state but not in the spec, and state (written by an older fluxstrap) does not record"
            + " how to reach it; put it back in the spec and apply once, then remove it again, or forget it with `fluxstrap state rm cluster." + n + "`");
      }
      cluster.addAll(clusterSteps(state, n, r, why, t));
      if (touchesRepo) {
        // where the folder was written (state), not where the spec would now put it (a path changed since)
        Location at = Location.recorded(state, n);
        String repo = at != null ? at.repository() : r.repository();
        String dir = at != null ? at.dir() : r.fluxDir();
        if (repo == null || !spec.repositories().containsKey(repo)) {
          throw new UserException("cluster." + n + ": its folder " + dir + " is in repository " + repo + ", which is not in the spec;"
              + " fluxstrap needs that repository (and its credentials) in the spec to remove the folder, or pass --keep-repository-files");
        }
        removals.computeIfAbsent(repo, k -> new ArrayList<>()).add(new Step(Addresses.manifests(n), ChangeKind.DELETE, why,
            new Action.RemoveManifests(n, repo, dir), Map.of("folder", dir + "/"), Map.of()));
        Location moving = Location.movedFrom(state, n); // a move's old folder not removed yet goes too
        if (moving != null && spec.repositories().containsKey(moving.repository()) && !moving.samePlace(at == null ? moving : at)) {
          removals.computeIfAbsent(moving.repository(), k -> new ArrayList<>()).add(new Step(Addresses.manifests(n), ChangeKind.DELETE,
              why + "; also the folder it was moving from", new Action.RemoveManifests(n, moving.repository(), moving.dir()),
              Map.of("folder", moving.dir() + "/"), Map.of()));
        }
      }
      forget.add(new Step(Addresses.cluster(n), ChangeKind.DELETE, why, new Action.ForgetCluster(n), identity(state, n), Map.of()));
    }
    return new Result(cluster, removals, forget);
  }

  private static List<Step> clusterSteps(State state, String n, ClusterRecord r, String why, Teardown t) {
    List<Step> steps = new ArrayList<>();
    ResourceState sync = state.resource(Addresses.sync(n));
    String ns = r == null ? FluxObjects.NAME : r.namespace();
    if (sync != null) {
      if (!"true".equals(sync.get("suspended"))) {
        steps.add(new Step(Addresses.sync(n), ChangeKind.UPDATE, why + "; suspended first so Flux does not fight back",
            new Action.SuspendSync(n, ns), Map.of("suspend", "false"), Map.of("suspend", "true")));
      }
      if (t.pruneWorkloads() && !"true".equals(sync.get("workloads_pruned"))) {
        steps.add(new Step(Addresses.cluster(n) + ".workloads", ChangeKind.DELETE, why + "; --prune-workloads",
            new Action.PruneWorkloads(n, ns), Map.of("inventory", "Kustomization " + ns + "/" + FluxObjects.syncName(ns)), Map.of()));
      }
      steps.add(new Step(Addresses.sync(n), ChangeKind.DELETE, why, new Action.DeleteSync(n, ns), attrs(sync, "url", "branch", "path"), Map.of()));
    }
    ResourceState components = state.resource(Addresses.components(n));
    if (components != null) {
      Map<String, String> before = attrs(components, "version", "components");
      before.put("crds", t.keepCrds() ? "kept (--keep-crds)" : "deleted");
      steps.add(new Step(Addresses.components(n), ChangeKind.DELETE, why, new Action.DeleteComponents(n, ns, t.keepCrds()), before, Map.of()));
    }
    ResourceState secret = state.resource(Addresses.secret(n));
    if (secret != null) {
      Map<String, String> before = new LinkedHashMap<>();
      String keys = secret.get("keys");
      if (keys != null) for (String k : keys.split(",")) if (!k.isEmpty()) before.put(k, "(sensitive)");
      String name = secret.get("name") != null ? secret.get("name") : r.secretName();
      String secretNs = secret.get("namespace") != null ? secret.get("namespace") : ns;
      steps.add(new Step(Addresses.secret(n), ChangeKind.DELETE, why, new Action.DeleteSecret(n, secretNs, name), before, Map.of()));
    }
    ResourceState namespace = state.resource(Addresses.namespace(n));
    if ((namespace != null || components != null) && !t.keepNamespace()) {
      String name = namespace != null && namespace.get("name") != null ? namespace.get("name") : ns;
      steps.add(new Step(Addresses.namespace(n), ChangeKind.DELETE, why, new Action.DeleteNamespace(n, name), Map.of("name", name), Map.of()));
    }
    return steps;
  }

  private static Map<String, String> identity(State state, String n) {
    ResourceState c = state.resource(Addresses.cluster(n));
    return c == null ? Map.of() : attrs(c, "uid", "server");
  }

  private static Map<String, String> attrs(ResourceState r, String... keys) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String k : keys) if (r.get(k) != null) m.put(k, r.get(k));
    return m;
  }

  private static boolean has(State state, String address) {
    return state.resource(address) != null;
  }
}
