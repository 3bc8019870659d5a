package io.fluxstrap.git;

import java.io.IOException;
import java.util.List;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevTree;

/**
 * Builds a tree from a base tree plus file writes, entirely in memory (an in-core index, no
 * working tree). Writing the same bytes again yields the same tree id, which is how a push knows
 * it has nothing to commit.
 */
final class TreeWriter {
  private TreeWriter() {}

  /** The id of {@code base} (null: empty) with every file of {@code writes} set to its content. */
  static ObjectId write(ObjectInserter inserter, ObjectReader reader, RevTree base, List<CommitChange.FileWrite> writes)
      throws IOException {
    return write(inserter, reader, base, writes, List.of());
  }

  /** As above, with the folders {@code removeDirs} (and all they hold) removed first. */
  static ObjectId write(ObjectInserter inserter, ObjectReader reader, RevTree base, List<CommitChange.FileWrite> writes,
      List<String> removeDirs) throws IOException {
    DirCache index = base == null ? DirCache.newInCore() : DirCache.read(reader, base);
    DirCacheEditor editor = index.editor();
    for (String dir : removeDirs) editor.add(new DirCacheEditor.DeleteTree(checkedPath(dir)));
    for (CommitChange.FileWrite w : writes) {
      ObjectId blob = inserter.insert(Constants.OBJ_BLOB, w.content());
      editor.add(
          new DirCacheEditor.PathEdit(checkedPath(w.path())) {
            @Override
            public void apply(DirCacheEntry entry) {
              entry.setFileMode(FileMode.REGULAR_FILE);
              entry.setObjectId(blob);
            }
          });
    }
    editor.finish();
    return index.writeTree(inserter);
  }

  /** A repository-relative path with no empty, "." or ".." segment and nothing under ".git". */
  static String checkedPath(String path) {
    if (path == null || path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
      throw new IllegalArgumentException("not a repository-relative file path: '" + path + "'");
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.equalsIgnoreCase(".git")) {
        throw new IllegalArgumentException("not a repository-relative file path: '" + path + "'");
      }
    }
    return path;
  }
}
