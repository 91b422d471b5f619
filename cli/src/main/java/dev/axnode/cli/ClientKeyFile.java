package dev.axnode.cli;

import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.io.AtomicFile;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code <config>/keys}: the client's key pairs, mode 0600, written atomically; a file the
 * group or others may read or write is refused ({@link #checkPermissions}).
 *
 * <pre>
 * {"version":1,"keys":[{"publicKey":"0…=","privateKey":"&lt;base64 of the 32-byte seed&gt;"}]}
 * </pre>
 *
 * The first pair is the one the CLI uses. A damaged file is an error naming the file; it is
 * never replaced by a new identity, since nodes may already authorize the old one.
 */
final class ClientKeyFile {

  static final int VERSION = 1;
  private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

  private final Path file;

  ClientKeyFile(Path file) {
    this.file = file;
  }

  Path path() {
    return file;
  }

  /** The key pairs in the file; empty when there is no file. */
  List<ClientKeyPair> load() {
    String text;
    try {
      checkPermissions(file);
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new CommandException(ErrorCode.IO, "Cannot read key file " + file + ": " + e.getMessage());
    }
    try {
      return parse(text);
    } catch (DecodeException | ClassCastException | IllegalArgumentException | NullPointerException e) {
      throw new CommandException(ErrorCode.IO, "Key file " + file + " is damaged (" + e.getMessage()
          + "); move it away to generate a new key pair, or restore it from a backup.");
    }
  }

  /**
   * Refuses a key file that the group or others may read or write, as OpenSSH refuses an
   * "UNPROTECTED PRIVATE KEY FILE": whoever reads it can act as this client on every node
   * that authorizes it. Skipped on file systems without POSIX permissions.
   */
  static void checkPermissions(Path file) throws IOException {
    if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
    if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
      String mode = String.format("%04o", mode(permissions));
      throw new CommandException(ErrorCode.IO, "Permissions " + mode + " for '" + file + "' are too open: "
          + "the key file must not be readable by others; run chmod 600 " + file);
    }
  }

  private static int mode(Set<PosixFilePermission> permissions) {
    int mode = 0;
    for (PosixFilePermission permission : permissions) {
      // The enum lists OWNER_READ … OTHERS_EXECUTE from the highest bit (0400) down to the lowest (0001).
      mode |= 0400 >> permission.ordinal();
    }
    return mode;
  }

  /**
   * The pair to use: the first in the file, or a new one, created and announced on
   * {@code err} with the exact message users know from the ActyxOS documentation.
   */
  ClientKeyPair loadOrCreate(PrintWriter err) {
    List<ClientKeyPair> pairs = load();
    if (!pairs.isEmpty()) {
      return pairs.get(0);
    }
    ClientKeyPair pair = ClientKeyPair.generate(new SecureRandom());
    try {
      AtomicFile.create(file, render(List.of(pair)).getBytes(StandardCharsets.UTF_8));
    } catch (FileAlreadyExistsException e) {
      return loadOrCreate(err); // another ax process created it at the same moment: use that one
    } catch (IOException e) {
      throw new CommandException(ErrorCode.IO, "Cannot write key file " + file + ": " + e.getMessage());
    }
    err.println("No local key pair found, generated one (\"" + pair.publicKeyText() + "\") at location " + file);
    err.flush();
    return pair;
  }

  static List<ClientKeyPair> parse(String text) {
    JsonObject json = new JsonObject(text);
    Integer version = json.getInteger("version");
    if (version == null || version != VERSION) {
      throw new IllegalArgumentException("unsupported version " + version + ", expected " + VERSION);
    }
    List<ClientKeyPair> pairs = new ArrayList<>();
    for (Object item : json.getJsonArray("keys")) {
      JsonObject entry = (JsonObject) item;
      ClientKeyPair pair = ClientKeyPair.fromSeed(Base64.getDecoder().decode(entry.getString("privateKey")));
      if (!pair.publicKeyText().equals(entry.getString("publicKey"))) {
        throw new IllegalArgumentException("public key " + entry.getString("publicKey")
            + " does not belong to its private key");
      }
      pairs.add(pair);
    }
    return pairs;
  }

  static String render(List<ClientKeyPair> pairs) {
    JsonArray keys = new JsonArray();
    pairs.forEach(pair -> keys.add(new JsonObject().put("publicKey", pair.publicKeyText())
        .put("privateKey", Base64.getEncoder().encodeToString(pair.seed()))));
    return new JsonObject().put("version", VERSION).put("keys", keys).encodePrettily() + "\n";
  }
}
