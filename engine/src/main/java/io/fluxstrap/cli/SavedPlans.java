package io.fluxstrap.cli;

import io.fluxstrap.diag.UserException;
import io.fluxstrap.plan.Plan;
import io.fluxstrap.plan.PlanCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Saved plan files: written atomically, read back with a clear error when they are not plans. */
final class SavedPlans {
  private SavedPlans() {}

  static void write(Path file, Plan plan) {
    try {
      if (file.getParent() != null) Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".plan", ".tmp");
      Files.writeString(tmp, PlanCodec.encode(plan), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UserException("cannot write plan file " + file + ": " + e.getMessage());
    }
  }

  static Plan read(Path file) {
    try {
      return PlanCodec.decode(file, Files.readAllBytes(file));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new UserException("plan file " + file + " does not exist");
    } catch (IOException e) {
      throw new UserException("cannot read plan file " + file + ": " + e.getMessage());
    }
  }
}
