package io.fluxstrap.git;

import io.fluxstrap.secret.Fingerprints;
import io.fluxstrap.secret.Sensitive;
import io.fluxstrap.testing.GitHttpServer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Small builders shared by the git tests. */
final class GitTestRepos {
  private GitTestRepos() {}

  static RemoteRepo withToken(GitHttpServer server, String name, String token) {
    return new RemoteRepo(
        server.url(name), new RemoteRepo.Credential.Token(server.username(), Sensitive.of(token)), true, null);
  }

  static RemoteRepo authorized(GitHttpServer server, String name) {
    return withToken(server, name, server.token());
  }

  static CommitChange.FileWrite file(String path, String content, String expectedBefore) {
    return new CommitChange.FileWrite(path, content.getBytes(StandardCharsets.UTF_8), expectedBefore);
  }

  static String sha(String content) {
    return Fingerprints.sha256(content);
  }

  static CommitChange change(String branch, String message, CommitChange.FileWrite... files) {
    return new CommitChange(branch, null, message, "Flux Strap", "fluxstrap@example.com", List.of(files));
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
