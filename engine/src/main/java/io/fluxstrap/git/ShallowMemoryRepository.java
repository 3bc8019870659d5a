package io.fluxstrap.git;

import java.io.IOException;
import java.util.Set;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.util.FS;

/**
 * An {@link InMemoryRepository} whose readers report its shallow commits. JGit's DFS reader
 * always answers "no shallow commits", so after a depth-1 fetch a revision walk would try to parse
 * the head's (absent) parent: the push's fast-forward check then fails and packing breaks. With the
 * boundary known, walks stop at the fetched head as they do in a shallow clone on disk.
 */
final class ShallowMemoryRepository extends InMemoryRepository {
  ShallowMemoryRepository() {
    super(new DfsRepositoryDescription("fluxstrap"));
  }

  /** JGit's local (file://) transport resolves the remote path through the local repository's FS. */
  @Override
  public FS getFS() {
    return FS.DETECTED;
  }

  @Override
  public ObjectReader newObjectReader() {
    return new ShallowAwareReader(super.newObjectReader());
  }

  private final class ShallowAwareReader extends ObjectReader.Filter {
    private final ObjectReader inner;

    ShallowAwareReader(ObjectReader inner) {
      this.inner = inner;
    }

    @Override
    protected ObjectReader delegate() {
      return inner;
    }

    @Override
    public ObjectReader newReader() {
      return new ShallowAwareReader(inner.newReader());
    }

    @Override
    public Set<ObjectId> getShallowCommits() throws IOException {
      return getObjectDatabase().getShallowCommits();
    }
  }
}
