package io.fluxstrap.spec;

import io.fluxstrap.diag.Diagnostics;
import io.fluxstrap.diag.SourceRange;
import io.fluxstrap.diag.UserException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a spec file: YAML → JSON schema → semantic checks → {@link Spec}. Every problem found is
 * reported at once, each at the {@code line:column} of the key or value it is about, as a
 * {@link UserException}. Loads neither Kubernetes nor Git classes, so validating stays fast.
 */
public final class SpecLoader {
  private final Map<String, String> env;

  /** {@code env} is only consulted to expand {@code ~} (via {@code HOME}) in paths. */
  public SpecLoader(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  public Spec load(Path file) {
    return load(file, new Diagnostics());
  }

  /** Like {@link #load(Path)}; warnings (e.g. an unused repository) are added to {@code warnings}. */
  public Spec load(Path file, Diagnostics warnings) {
    String text;
    try {
      long size = Files.size(file);
      if (size > SpecLimits.MAX_BYTES) throw new UserException(SourceRange.of(file), tooLarge(size + " bytes"));
      text = SpecText.decode(file, Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new UserException(SourceRange.of(file), "spec file not found");
    } catch (AccessDeniedException e) {
      throw new UserException(SourceRange.of(file), "cannot read the spec file: permission denied");
    } catch (IOException e) {
      throw new UserException(SourceRange.of(file), "cannot read the spec file");
    }
    return parse(file, text, warnings);
  }

  private static String tooLarge(String size) {
    return "the spec is too large (" + size + "; at most " + SpecLimits.MAX_BYTES / (1024 * 1024) + " MiB): is this the right file?";
  }

  /** Reads {@code text} as if it were the content of {@code file} (relative paths start at its folder). */
  public Spec parse(Path file, String text) {
    return parse(file, text, new Diagnostics());
  }

  public Spec parse(Path file, String text, Diagnostics warnings) {
    if (text.length() > SpecLimits.MAX_CHARS) throw new UserException(SourceRange.of(file), tooLarge(text.length() + " characters"));
    Diagnostics found = new Diagnostics();
    Optional<YamlTree.Parsed> parsed = YamlTree.parse(file, text, found);
    if (parsed.isEmpty()) {
      found.throwIfErrors();
    }
    YamlTree.Parsed tree = parsed.orElseThrow();
    Set<String> invalid = SpecSchema.get().validate(tree.root(), tree.positions(), found);
    Path folder = file.toAbsolutePath().normalize().getParent();
    ReadContext context = new ReadContext(tree.root(), tree.positions(), invalid, found, folder, env);
    Spec spec = new SpecReader(context).read(file, text);
    found.throwIfErrors();
    warnings.addAll(found);
    return spec;
  }
}
