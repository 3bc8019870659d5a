package io.fluxstrap.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Validating a spec must stay fast: it may not load the Kubernetes client, JGit or SSH libraries. The loader
 * runs in its own class loader over the test class path, which records every class it loads.
 */
class LoaderFootprintTest {
  static final class RecordingLoader extends URLClassLoader {
    final List<String> loaded = Collections.synchronizedList(new ArrayList<>());

    RecordingLoader(URL[] urls) {
      super(urls, ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      loaded.add(name);
      return super.findClass(name);
    }
  }

  @Test
  void loadingASpecLoadsNoKubernetesGitOrSshClasses() throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) urls.add(Path.of(entry).toUri().toURL());
    try (RecordingLoader loader = new RecordingLoader(urls.toArray(URL[]::new))) {
      Class<?> type = loader.loadClass(SpecLoader.class.getName());
      Object specLoader = type.getConstructor(Map.class).newInstance(Map.of());
      Object spec = type.getMethod("load", Path.class).invoke(specLoader, Path.of("examples/azure-devops-pat.yaml"));
      // An SSH spec neither: its key file is not read while validating.
      type.getMethod("load", Path.class).invoke(specLoader, Path.of("examples/azure-devops-ssh-key.yaml"));
      type.getMethod("load", Path.class).invoke(specLoader, Path.of("examples/azure-devops-ssh-hostname.yaml"));
      assertEquals(loader.loadClass(Spec.class.getName()), spec.getClass(), "the spec came from the recording loader");
      assertTrue(loader.loaded.stream().anyMatch(n -> n.startsWith("com.networknt.")), "the recording works");
      List<String> heavy = loader.loaded.stream().filter(n -> n.startsWith("io.fabric8.") || n.startsWith("org.eclipse.jgit.") || n.startsWith("org.apache.sshd.") || n.startsWith("org.bouncycastle.")).toList();
      assertEquals(List.of(), heavy);
    }
  }
}
