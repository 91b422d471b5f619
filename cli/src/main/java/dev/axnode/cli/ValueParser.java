package dev.axnode.cli;

import dev.axnode.kernel.ErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Turns a settings VALUE argument into a Vert.x JSON value ({@link JsonObject},
 * {@link JsonArray}, String, Number, Boolean or null). The text is YAML, so JSON works
 * too; {@code @FILE} reads it from a file and {@code @-} from standard input.
 */
final class ValueParser {

  private ValueParser() {
  }

  /** Parses an argument: inline text, {@code @FILE} or {@code @-}. */
  static Object parseArgument(String argument, InputStream stdin) {
    return parseText(readArgument(argument, stdin));
  }

  /** The text an argument stands for. */
  static String readArgument(String argument, InputStream stdin) {
    if (argument.equals("@-")) {
      try {
        return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new CommandException(ErrorCode.IO, "Cannot read standard input: " + reason(e));
      }
    }
    if (argument.startsWith("@")) {
      Path file = Path.of(argument.substring(1));
      try {
        return Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new CommandException(ErrorCode.IO, "Cannot read file " + file + ": " + reason(e));
      }
    }
    return argument;
  }

  /** Parses YAML (or JSON) text holding exactly one value. */
  static Object parseText(String text) {
    if (text.isBlank()) {
      throw CommandException.invalidInput("The value is empty; use 'ax settings unset' to remove settings.");
    }
    Object loaded;
    try {
      loaded = newYaml().load(text);
    } catch (MarkedYAMLException e) {
      throw CommandException.invalidInput("Cannot parse the value: " + shortMessage(e));
    } catch (YAMLException e) {
      throw CommandException.invalidInput("Cannot parse the value: " + e.getMessage());
    }
    return toJson(loaded);
  }

  private static Yaml newYaml() {
    LoaderOptions loader = new LoaderOptions();
    loader.setAllowDuplicateKeys(false);
    DumperOptions dumper = new DumperOptions();
    return new Yaml(new SafeConstructor(loader), new Representer(dumper), dumper, loader, new JsonLikeResolver());
  }

  private static String shortMessage(MarkedYAMLException e) {
    String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
    Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    if (mark == null) {
      return problem;
    }
    return problem + " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")";
  }

  /** Maps what SafeConstructor builds onto the Vert.x JSON types. */
  static Object toJson(Object value) {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
      throw CommandException.invalidInput("Cannot parse the value: " + d + " is not a JSON number");
    }
    if (value instanceof Number) {
      return value;
    }
    if (value instanceof Map<?, ?> map) {
      JsonObject object = new JsonObject();
      map.forEach((key, child) -> object.put(String.valueOf(key), toJson(child)));
      return object;
    }
    if (value instanceof Collection<?> items) {
      JsonArray array = new JsonArray();
      items.forEach(item -> array.add(toJson(item)));
      return array;
    }
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (value instanceof Date date) {
      return date.toInstant().toString();
    }
    return String.valueOf(value);
  }

  private static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "No such file";
    }
    if (e instanceof AccessDeniedException) {
      return "Permission denied";
    }
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }

  /**
   * The YAML 1.2 core schema rather than YAML 1.1: only true/false are booleans, only
   * decimal digits are integers, and nothing becomes a timestamp, so {@code yes},
   * {@code 012} or {@code 12:30} stay strings as they would in JSON.
   */
  private static final class JsonLikeResolver extends Resolver {
    private static final Pattern BOOL = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");
    private static final Pattern INT = Pattern.compile("^[-+]?(?:0|[1-9][0-9]*)$");
    private static final Pattern FLOAT = Pattern.compile(
        "^[-+]?(?:(?:[0-9]+\\.[0-9]*|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[0-9]+[eE][-+]?[0-9]+)$");

    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(Tag.BOOL, BOOL, "tTfF");
      addImplicitResolver(Tag.INT, INT, "-+0123456789");
      addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
      addImplicitResolver(Tag.MERGE, MERGE, "<");
      addImplicitResolver(Tag.NULL, NULL, "~nN\0");
      addImplicitResolver(Tag.NULL, EMPTY, null);
    }
  }
}
