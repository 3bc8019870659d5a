package io.fluxstrap.plan;

import io.fluxstrap.manifests.ComponentsInventory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An upgrade (or a change of components) at object level: what gotk-components.yaml in the
 * repository holds now against what will be committed and applied. Plain data on the components
 * step, rendered by the human and the JSON plan alike.
 *
 * @param fromVersion the Flux version installed now (null when unknown)
 * @param toVersion the Flux version planned
 * @param added objects ({@code Kind namespace/name}) the new file has and the old one lacks
 * @param removed objects the old file has and the new one lacks (Flux prunes them)
 * @param images container images that change
 * @param crds CustomResourceDefinitions whose served or stored versions change
 * @param detailed false when the old file could not be read (no refresh): only the versions are known
 */
public record ComponentsChange(String fromVersion, String toVersion, List<String> added, List<String> removed,
    List<ImageChange> images, List<CrdChange> crds, boolean detailed) {
  public ComponentsChange {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    images = List.copyOf(images);
    crds = List.copyOf(crds);
  }

  /** {@code container}: a Deployment's name (or deployment/container); images as {@code registry/name:tag}. */
  public record ImageChange(String container, String before, String after) {}

  /** Versions served (in spec order) and the storage version, before and after. */
  public record CrdChange(String name, List<String> servedBefore, List<String> servedAfter, String storedBefore,
      String storedAfter) {
    public CrdChange {
      servedBefore = List.copyOf(servedBefore);
      servedAfter = List.copyOf(servedAfter);
    }
  }

  /** Only the versions: the old file was not read. */
  static ComponentsChange versionsOnly(String from, String to) {
    return new ComponentsChange(from, to, List.of(), List.of(), List.of(), List.of(), false);
  }

  static ComponentsChange between(String from, String to, ComponentsInventory before, ComponentsInventory after) {
    List<String> added = new ArrayList<>(after.objects());
    added.removeAll(before.objects());
    List<String> removed = new ArrayList<>(before.objects());
    removed.removeAll(after.objects());
    List<ImageChange> images = new ArrayList<>();
    for (Map.Entry<String, String> e : after.images().entrySet()) {
      String old = before.images().get(e.getKey());
      if (old != null && !old.equals(e.getValue())) images.add(new ImageChange(e.getKey(), old, e.getValue()));
    }
    List<CrdChange> crds = new ArrayList<>();
    for (Map.Entry<String, ComponentsInventory.CrdVersions> e : after.crds().entrySet()) {
      ComponentsInventory.CrdVersions old = before.crds().get(e.getKey());
      ComponentsInventory.CrdVersions now = e.getValue();
      if (old != null && (!old.served().equals(now.served()) || !Objects.equals(old.storage(), now.storage()))) {
        crds.add(new CrdChange(e.getKey(), old.served(), now.served(), old.storage(), now.storage()));
      }
    }
    return new ComponentsChange(from, to, added, removed, images, crds, true);
  }
}
