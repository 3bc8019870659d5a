package io.fluxstrap.testing;

import java.nio.file.Path;

/** The sshd_config and the ForceCommand script of {@link GitSshServer}. */
final class SshdConfig {
  /**
   * Run by git-shell (the user's login shell) for every login, with the server's repository root
   * as {@code $1}. Only fetch and push run, and only on a repository under that root, addressed
   * by absolute path as Azure DevOps does ({@code /v3/org/project/repo}).
   */
  static final String SERVE_SCRIPT =
      """
      #!/bin/sh
      root="$1"
      cmd="$SSH_ORIGINAL_COMMAND"
      case "$cmd" in
        "git-upload-pack '"*"'"|"git upload-pack '"*"'") verb=git-upload-pack ;;
        "git-receive-pack '"*"'"|"git receive-pack '"*"'") verb=git-receive-pack ;;
        *) echo "fatal: only git fetch and push are allowed on this server" >&2; exit 128 ;;
      esac
      path=${cmd#*\\'}
      path=${path%\\'}
      case "$path" in
        *\\'*|*..*) echo "fatal: invalid repository path" >&2; exit 128 ;;
      esac
      dir="$root/${path#/}"
      if [ ! -d "$dir" ]; then
        echo "fatal: '$path' does not appear to be a git repository" >&2
        exit 128
      fi
      exec "$verb" "$dir"
      """;

  private SshdConfig() {}

  /**
   * Loopback only, public keys only, user git only, the RSA SHA-2 host key algorithms Azure DevOps
   * offers, and the user key algorithms the engine supports. StrictModes is off because the
   * authorized_keys file lives under /tmp (world-writable), which sshd would otherwise refuse.
   */
  static String render(Path root, int port, Path hostKey) {
    return """
        Port %d
        ListenAddress 127.0.0.1
        HostKey %s
        PidFile none
        UsePAM no
        StrictModes no
        UseDNS no
        PasswordAuthentication no
        KbdInteractiveAuthentication no
        PubkeyAuthentication yes
        PermitRootLogin no
        AllowUsers %s
        AuthorizedKeysFile %s
        HostKeyAlgorithms rsa-sha2-512,rsa-sha2-256
        PubkeyAcceptedAlgorithms rsa-sha2-512,rsa-sha2-256,ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521
        ForceCommand %s %s
        PermitTTY no
        AllowTcpForwarding no
        AllowAgentForwarding no
        X11Forwarding no
        PrintMotd no
        MaxStartups 64
        MaxSessions 64
        LogLevel VERBOSE
        """
        .formatted(
            port,
            hostKey,
            SshUser.NAME,
            root.resolve("authorized_keys"),
            SshUser.SERVE_COMMAND,
            root.resolve("repos"));
  }
}
