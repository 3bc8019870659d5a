/**
 * SSH key material: generating keys the way Flux does, reading existing private key files,
 * public key lines and fingerprints, known_hosts entries, and scanning a server's host key.
 *
 * <p>Uses MINA sshd (with BouncyCastle, registered explicitly by {@link io.fluxstrap.ssh.Crypto})
 * and the JDK only: no JGit, no fabric8. Nothing here prints. Errors about the user's files or
 * hosts are {@link io.fluxstrap.diag.UserException}s that name the file or host and never contain
 * key bytes or passphrases: messages from sshd or BouncyCastle are never passed through.
 */
package io.fluxstrap.ssh;
