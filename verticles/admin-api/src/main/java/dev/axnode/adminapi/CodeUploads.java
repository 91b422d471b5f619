package dev.axnode.adminapi;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import io.vertx.core.json.JsonObject;

/**
 * The node's rules for uploaded code: whether uploads are on at all ({@code jarUploads},
 * off with {@code --no-jar-uploads}), who may upload ({@link Uploader}), and how many
 * uploads and bytes may be in progress at once, across both APIs. An upload holds a
 * {@link Permit} from before its body is read until its swap has finished.
 */
final class CodeUploads {

  static final int DEFAULT_MAX_UPLOADS = 2;
  static final long DEFAULT_MAX_BYTES = 128L * 1024 * 1024;
  static final String DISABLED = "Jar uploads are turned off on this node (it was started with --no-jar-uploads "
      + "or jarUploads false in its config): swap to a built-in implementation, or restart the node without that option";

  private final boolean enabled;
  private final int maxUploads;
  private final long maxBytes;
  private int uploads;
  private long bytes;

  CodeUploads(boolean enabled, int maxUploads, long maxBytes) {
    this.enabled = enabled;
    this.maxUploads = maxUploads;
    this.maxBytes = maxBytes;
  }

  /** From the node-wide config key {@code jarUploads} (default true). */
  static CodeUploads fromConfig(JsonObject config) {
    return new CodeUploads(config.getBoolean("jarUploads", true), DEFAULT_MAX_UPLOADS, DEFAULT_MAX_BYTES);
  }

  /** Why {@code uploader} may not upload a jar now, or null when it may. */
  AxException refusal(Uploader uploader) {
    if (!enabled) {
      return new AxException(ErrorCode.UNAUTHORIZED, DISABLED);
    }
    return uploader.privileged() ? null : new AxException(ErrorCode.UNAUTHORIZED, uploader.refusal());
  }

  /** A permit for an upload of {@code length} bytes, or null while the budget is taken. */
  synchronized Permit tryAcquire(long length) {
    if (uploads >= maxUploads || length > maxBytes - bytes) {
      return null;
    }
    uploads++;
    bytes += length;
    return new Permit(length);
  }

  AxException busy() {
    return new AxException(ErrorCode.INVALID_INPUT, "Another jar upload is in progress (at most " + maxUploads
        + " uploads and " + (maxBytes >> 20) + " MiB at once): try again when it has finished");
  }

  synchronized int uploadsInProgress() {
    return uploads;
  }

  private synchronized void release(long length) {
    uploads--;
    bytes -= length;
  }

  /** One upload's share of the budget; release it once, when its swap has finished or failed. */
  final class Permit {
    private final long length;
    private boolean released;

    private Permit(long length) {
      this.length = length;
    }

    void release() {
      synchronized (CodeUploads.this) {
        if (released) {
          return;
        }
        released = true;
      }
      CodeUploads.this.release(length);
    }
  }
}
