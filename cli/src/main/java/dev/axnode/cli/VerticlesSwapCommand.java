package dev.axnode.cli;

import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.admin.AdminOperation;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code ax verticles swap NAME [--jar FILE] [--class FQCN] --local NODE}: the node deploys
 * the new instance, then retires the old one. Without {@code --jar} it redeploys its
 * built-in implementation.
 */
final class VerticlesSwapCommand extends NodeCommand {

  /** The node refuses jars larger than this; say so before uploading them. */
  static final long MAX_JAR_BYTES = 64L * 1024 * 1024;

  /** Deploying a new instance may take longer than an ordinary request. */
  static final long SWAP_TIMEOUT_MILLIS = 60_000;

  String name;
  Path jar;
  String className;

  VerticlesSwapCommand() {
    super("swap", "Replace a verticle at run time, from a jar or its built-in code.");
  }

  @Override
  protected void declare(CommandSpec spec) {
    super.declare(spec);
    spec.addPositional(CommandSpecs.bind(PositionalParamSpec.builder().index("0").paramLabel("NAME")
        .description("The name of the verticle, as 'ax verticles ls' shows it."),
        String.class, () -> name, value -> name = value).build());
    spec.addOption(CommandSpecs.bind(OptionSpec.builder("--jar").paramLabel("FILE")
        .description("A jar with the new implementation; without it the built-in implementation is redeployed."),
        Path.class, () -> jar, value -> jar = value).build());
    spec.addOption(CommandSpecs.bind(OptionSpec.builder("--class").paramLabel("FQCN")
        .description("The verticle class to deploy, e.g. when the jar holds more than one."),
        String.class, () -> className, value -> className = value).build());
  }

  @Override
  protected JsonObject run() {
    node();
    JsonObject params = new JsonObject().put("name", name);
    if (className != null) {
      params.put("class", className);
    }
    if (jar != null) {
      params.put("jarBase64", Buffer.buffer(readJar(jar))); // none: redeploy the built-in implementation
    }
    return call(AdminOperation.VERTICLES_SWAP, params, SWAP_TIMEOUT_MILLIS);
  }

  private static byte[] readJar(Path jar) {
    try {
      long size = Files.size(jar);
      if (size > MAX_JAR_BYTES) {
        throw CommandException.invalidInput("The jar " + jar + " is " + size
            + " bytes; the node accepts at most " + MAX_JAR_BYTES + " bytes.");
      }
      return Files.readAllBytes(jar);
    } catch (NoSuchFileException e) {
      throw new CommandException(ErrorCode.IO, "Cannot read file " + jar + ": No such file");
    } catch (IOException e) {
      throw new CommandException(ErrorCode.IO, "Cannot read file " + jar + ": " + e.getMessage());
    }
  }

  @Override
  protected void printHuman(Object result, PrintWriter out) {
    out.println("Successfully swapped verticle " + name + ". New instance:");
    NodeInfo.printVerticle(NodeInfo.object(result), out);
  }
}
