package dev.axnode.adminapi;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import java.util.Locale;
import java.util.Set;

/**
 * What a request must declare before the node reads its body. A browser page may send a
 * cross-origin POST without asking first only with a "simple" content type (text/plain,
 * form types), so requiring real types keeps such requests out even if they got past
 * {@link HttpGuard}. A jar upload is also checked for privilege and budget here, from its
 * headers, so a refused jar is never buffered.
 */
final class BodyRules {

  static final String JSON = "application/json";
  static final Set<String> JAR_TYPES = Set.of("application/java-archive", "application/octet-stream");
  static final int STATUS_BUSY = 429;
  static final int STATUS_LENGTH_REQUIRED = 411;
  static final int STATUS_TOO_LARGE = 413;

  private final CodeUploads uploads;
  private final long jarLimit;

  BodyRules(CodeUploads uploads, long jarLimit) {
    this.uploads = uploads;
    this.jarLimit = jarLimit;
  }

  /** Before the BodyHandler of a route whose body is JSON. */
  static void requireJson(RoutingContext ctx) {
    String type = mediaType(ctx.request());
    if (JSON.equals(type)) {
      ctx.next();
    } else {
      Envelope.refuse(ctx, wrongType("This request needs Content-Type " + JSON, type));
    }
  }

  /**
   * Before the BodyHandler of a swap: an upload needs a jar type, a Content-Length within the
   * limit, the upload privilege and a share of the upload budget (held until the answer is
   * sent); a swap without a body (the built-in implementation) needs a jar type or JSON.
   */
  void admitSwap(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String type = mediaType(request);
    boolean chunked = request.headers().contains("Transfer-Encoding");
    long length = contentLength(request);
    if (!chunked && length == 0) {
      if (isJarType(type) || JSON.equals(type)) {
        ctx.next();
      } else {
        Envelope.refuse(ctx, wrongType("A swap without a jar needs Content-Type " + JSON, type));
      }
      return;
    }
    if (!isJarType(type)) {
      Envelope.refuse(ctx, wrongType("A jar upload needs Content-Type " + String.join(" or ", JAR_TYPES.stream().sorted().toList()), type));
    } else if (chunked || length < 0) {
      Envelope.refuse(ctx, STATUS_LENGTH_REQUIRED, new AxException(ErrorCode.INVALID_INPUT,
          "A jar upload needs a valid Content-Length header (no chunked transfer)"));
    } else {
      admitUpload(ctx, length);
    }
  }

  private void admitUpload(RoutingContext ctx, long length) {
    AxException refusal = uploads.refusal(Uploader.overHttp(ctx.request().remoteAddress()));
    if (refusal != null) {
      Envelope.refuse(ctx, refusal);
      return;
    }
    if (length > jarLimit) {
      Envelope.refuse(ctx, STATUS_TOO_LARGE, new AxException(ErrorCode.INVALID_INPUT,
          "The request body is larger than the limit of " + jarLimit + " bytes"));
      return;
    }
    CodeUploads.Permit permit = uploads.tryAcquire(length);
    if (permit == null) {
      Envelope.refuse(ctx, STATUS_BUSY, uploads.busy());
      return;
    }
    ctx.addEndHandler(done -> permit.release()); // answered or connection lost: either way the upload is over
    ctx.next();
  }

  private static boolean isJarType(String type) {
    return type != null && JAR_TYPES.contains(type); // Set.of refuses to look up null
  }

  /** The media type without parameters, lower case; null when there is no Content-Type. */
  static String mediaType(HttpServerRequest request) {
    String header = request.getHeader("Content-Type");
    if (header == null) {
      return null;
    }
    int semicolon = header.indexOf(';');
    return (semicolon < 0 ? header : header.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
  }

  /** Content-Length, 0 when absent (HTTP/1.1: no body), -1 when malformed. */
  private static long contentLength(HttpServerRequest request) {
    String header = request.getHeader("Content-Length");
    if (header == null) {
      return 0;
    }
    try {
      long length = Long.parseLong(header.strip());
      return length < 0 ? -1 : length;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static AxException wrongType(String needed, String type) {
    return new AxException(ErrorCode.UNAUTHORIZED, needed + ", not " + (type == null ? "none" : type)
        + " (the HTTP API refuses the content types web pages may send across origins)");
  }
}
