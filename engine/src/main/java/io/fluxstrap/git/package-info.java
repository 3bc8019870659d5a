/**
 * Git, behind the engine's {@link io.fluxstrap.git.GitRemote} interface. The only package that
 * imports JGit; {@link io.fluxstrap.git.JGitRemote} is the implementation.
 *
 * <p>Contract: every operation works in memory (a shallow fetch of one branch into an in-memory
 * repository; no working tree, no file-system probing), pushes are never forced (the expected old
 * id makes the server refuse a branch that moved, and the push is rebuilt on the new head), and
 * every failure leaves as a {@link io.fluxstrap.git.GitFailure} naming the repository and what to
 * do, never a JGit exception and never a credential. {@code file://} repositories are the one
 * exception to "in memory": they live on disk and are created on first push.
 *
 * <p>{@code ssh://} repositories need a {@link io.fluxstrap.git.RemoteRepo.Credential.SshKey}: the
 * in-memory key is the only identity, and the host key must match one of its known_hosts lines
 * (no trust on first use); the user's ~/.ssh, ssh config and ssh-agent never take part.
 */
package io.fluxstrap.git;
