package io.fluxstrap.state.azure;

import com.azure.storage.blob.models.BlobStorageException;
import io.fluxstrap.azure.EntraFailure;
import io.fluxstrap.diag.UserException;
import java.util.function.Supplier;

/**
 * Azure SDK failures as user errors naming the store: the service's status and error code (never
 * its message, which may echo request details such as a SAS query), an unreachable endpoint
 * without its query string, an Entra ID sign-in failure with the sources it tried.
 */
final class AzureErrors {
  private AzureErrors() {}

  /** Runs one store operation, translating what is not already a user error. */
  static <T> T guarded(String store, String endpoint, Supplier<T> work) {
    try {
      return work.get();
    } catch (UserException e) {
      throw e;
    } catch (BlobStorageException e) {
      throw failure("use", store, e);
    } catch (RuntimeException e) {
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof EntraFailure f) throw new UserException("cannot sign in to " + store + ": " + f.getMessage());
        if (c.getCause() == c) break;
      }
      throw unreachable(store, endpoint, e);
    }
  }

  static UserException failure(String verb, String store, BlobStorageException e) {
    return new UserException("cannot " + verb + " " + store + ": HTTP " + e.getStatusCode()
        + (e.getErrorCode() == null ? "" : " " + e.getErrorCode()) + hint(e.getStatusCode()));
  }

  private static String hint(int status) {
    if (status == 401 || status == 403) return " (check the storage account key, SAS token or the identity's Storage Blob Data Contributor role)";
    return "";
  }

  private static UserException unreachable(String store, String endpoint, RuntimeException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String why = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().replaceAll("\\?\\S*", "");
    return new UserException("cannot reach " + store + " at " + endpoint + ": " + why);
  }
}
