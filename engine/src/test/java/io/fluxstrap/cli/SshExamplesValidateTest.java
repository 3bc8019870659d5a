package io.fluxstrap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.fluxstrap.testing.CliRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fluxstrap validate} accepts both SSH examples as shipped: without their key file, without
 * any credential in the environment, and without writing anything.
 */
class SshExamplesValidateTest {
  @TempDir Path tmp;

  @Test
  void bothSshExamplesValidateWithoutKeyOrCredentials() throws IOException {
    Path examples = Files.createDirectories(tmp.resolve("examples"));
    for (String name : new String[] {"azure-devops-ssh-hostname.yaml", "azure-devops-ssh-key.yaml"}) {
      Files.copy(Path.of("examples", name), examples.resolve(name));
    }
    CliRunner cli = new CliRunner(tmp).env("HOME", tmp.toString());

    CliRunner.Result hostname = cli.run("validate", "-f", "examples/azure-devops-ssh-hostname.yaml");
    assertEquals(0, hostname.exit(), hostname::toString);
    assertEquals("The spec azure-devops-ssh-hostname.yaml is valid: 1 repository, 1 cluster.", hostname.out().strip());
    assertEquals("", hostname.err());

    CliRunner.Result key = cli.run("validate", "-f", "examples/azure-devops-ssh-key.yaml");
    assertEquals(0, key.exit(), key::toString);
    assertEquals("The spec azure-devops-ssh-key.yaml is valid: 1 repository, 1 cluster.", key.out().strip());
    assertEquals("", key.err());

    assertFalse(Files.exists(examples.resolve("keys")), "the key file is never looked for");
    try (var left = Files.list(tmp)) {
      assertEquals(1, left.count(), "validate writes nothing");
    }
  }
}
