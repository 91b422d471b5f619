package dev.axnode.cli;

import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.keys.SwarmKey;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code ax swarms keygen [--output FILE]}: a fresh swarm key as a pnet key file
 * ({@code /key/swarm/psk/1.0.0/}, {@code /base16/}, 64 hex digits): what js-libp2p's
 * {@code @libp2p/pnet} and go-libp2p read as it is, and one of the forms
 * {@code general.swarmKey} takes. Needs no node.
 */
final class SwarmsKeygenCommand extends AxCommand {

  Path output;

  SwarmsKeygenCommand() {
    super("keygen", "Generate a new swarm key file, as general.swarmKey takes it.");
  }

  @Override
  protected void declare(CommandSpec spec) {
    super.declare(spec);
    spec.addOption(CommandSpecs.bind(OptionSpec.builder("-o", "--output").paramLabel("FILE")
        .description("Write the key to this new file (mode 0600) instead of printing it; an existing file is never overwritten."),
        Path.class, () -> output, value -> output = value).build());
  }

  @Override
  protected JsonObject run() {
    String key = SwarmKey.generate(new SecureRandom()).toKeyFile();
    if (output == null) {
      return ok(key);
    }
    write(output, key);
    return ok(new JsonObject().put("file", output.toString()));
  }

  private static void write(Path file, String key) {
    try {
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file); // not a POSIX file system
      }
      Files.writeString(file, key, StandardCharsets.UTF_8);
    } catch (FileAlreadyExistsException e) {
      throw new CommandException(ErrorCode.FILE_EXISTS, "File " + file + " already exists; not overwriting it.");
    } catch (NoSuchFileException e) {
      throw new CommandException(ErrorCode.IO, "Cannot write file " + file + ": No such directory");
    } catch (IOException e) {
      throw new CommandException(ErrorCode.IO, "Cannot write file " + file + ": " + e.getMessage());
    }
  }

  @Override
  protected void printHuman(Object result, PrintWriter out) {
    if (output == null) {
      out.println(result);
    } else {
      out.println("Wrote a new swarm key to " + output + ".");
    }
  }
}
