package dev.axnode.adminapi;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.io.AtomicFile;
import dev.axnode.kernel.message.SwapRequest;
import dev.axnode.kernel.message.VerticleInfo;
import dev.axnode.kernel.message.VerticleList;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * {@code /api/v1/verticles}: list, and swap with an uploaded jar or the built-in class.
 * An uploaded jar is kept under {@code <data>/verticles/<name>-<sha256>.jar}, so the
 * registry loads it from the node's own disk and the same upload is stored once.
 */
final class VerticleRoutes {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");
  private static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$.]{0,255}");

  private final Vertx vertx;
  private final Path jarDir;

  VerticleRoutes(Vertx vertx, Path dataDir) {
    this.vertx = vertx;
    this.jarDir = dataDir.resolve("verticles");
  }

  void list(RoutingContext ctx) {
    BusRequests.<VerticleList>request(vertx, Addresses.KERNEL_VERTICLES_LIST, null)
        .onSuccess(list -> Envelope.ok(ctx, list.toJson()))
        .onFailure(failure -> Envelope.fail(ctx, failure));
  }

  void swap(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    String className = ctx.request().getParam("class");
    if (!NAME.matcher(name).matches()) {
      Envelope.fail(ctx, new AxException(ErrorCode.INVALID_INPUT, "Not a verticle name: " + name));
      return;
    }
    if (className != null && !CLASS_NAME.matcher(className).matches()) {
      Envelope.fail(ctx, new AxException(ErrorCode.INVALID_INPUT, "Not a class name: " + className));
      return;
    }
    Buffer jar = ctx.body().buffer();
    Future<String> jarPath = jar == null || jar.length() == 0 ? Future.succeededFuture(null) : store(name, jar);
    jarPath.compose(path -> BusRequests.<VerticleInfo>request(vertx, Addresses.KERNEL_VERTICLES_SWAP,
            new SwapRequest(name, path, className, null), 60_000))
        .onSuccess(info -> Envelope.ok(ctx, info.toJson()))
        .onFailure(failure -> Envelope.fail(ctx, failure));
  }

  private Future<String> store(String name, Buffer jar) {
    return vertx.executeBlocking(() -> {
      byte[] bytes = jar.getBytes();
      Path target = jarDir.resolve(name + "-" + sha256(bytes).substring(0, 16) + ".jar");
      AtomicFile.write(target, bytes);
      return target.toString();
    }, false);
  }

  private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
