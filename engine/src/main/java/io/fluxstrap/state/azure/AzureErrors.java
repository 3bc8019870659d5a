package io.fluxstrap.state.azure;

import com.azure.storage.blob.models.BlobStorageException;
import io.fluxstrap.azure.AzureCredentials;
import io.fluxstrap.azure.EntraFailure;
import io.fluxstrap.diag.UserException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Azure SDK failures as user errors naming the store: the service's status and error code (never
 * its message, which may echo request details such as a SAS query), an unreachable endpoint
 * without its query string, an Entra ID sign-in failure with the sources it tried, and a refused
 * Entra ID token with the identity it spoke for and the service's reason.
 */
final class AzureErrors {
  private static final Pattern AUTH_DETAIL = Pattern.compile("<AuthenticationErrorDetail>([^<]{1,300})</AuthenticationErrorDetail>");

  private AzureErrors() {}

  /** Runs one store operation, translating what is not already a user error. */
  static <T> T guarded(String store, String endpoint, AzureCredentials identity, Supplier<T> work) {
    try {
      return work.get();
    } catch (UserException e) {
      throw e;
    } catch (BlobStorageException e) {
      throw failure("use", store, e, identity);
    } catch (RuntimeException e) {
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof EntraFailure f) throw new UserException("cannot sign in to " + store + ": " + f.getMessage());
        if (c.getCause() == c) break;
      }
      throw unreachable(store, endpoint, e);
    }
  }

  /** {@code identity}: the Entra ID credential the request was signed with, or null for a key or SAS. */
  static UserException failure(String verb, String store, BlobStorageException e, AzureCredentials identity) {
    String head = "cannot " + verb + " " + store + ": HTTP " + e.getStatusCode() + (e.getErrorCode() == null ? "" : " " + e.getErrorCode());
    boolean refused = e.getStatusCode() == 401 || e.getStatusCode() == 403;
    if (refused && identity != null && identity.signedInAs() != null) {
      String detail = authenticationDetail(e);
      return new UserException(head + ": the Entra ID token of " + identity.signedInAs() + " was refused"
          + (detail == null ? "" : " (" + detail + ")")
          + "; check that the identity has the Storage Blob Data Contributor role on the container, and that its token is for"
          + " the storage account's tenant (state.azurerm.tenant_id) and still valid (sign in again: az login, or the pipeline's"
          + " service connection)");
    }
    return new UserException(head + (refused ? " (check the storage account key, SAS token or the identity's Storage Blob Data Contributor role)" : ""));
  }

  /** Why the service refused a token (e.g. "Lifetime validation failed. The token is expired."), when it said so. */
  private static String authenticationDetail(BlobStorageException e) {
    Matcher m = AUTH_DETAIL.matcher(String.valueOf(e.getMessage()));
    if (!m.find()) return null;
    String detail = EntraFailure.scrub(m.group(1).strip()).replaceAll("\\s+", " ");
    return detail.endsWith(".") ? detail.substring(0, detail.length() - 1) : detail;
  }

  private static UserException unreachable(String store, String endpoint, RuntimeException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String why = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().replaceAll("\\?\\S*", "");
    return new UserException("cannot reach " + store + " at " + endpoint + ": " + why);
  }
}
