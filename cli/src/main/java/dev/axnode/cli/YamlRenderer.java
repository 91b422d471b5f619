package dev.axnode.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Prints Vert.x JSON values as YAML in one style: block style, indent 2, sequences
 * indented under their key, keys sorted at every level, {@code []} for empty lists.
 */
final class YamlRenderer {

  private YamlRenderer() {
  }

  /** The value as YAML, ending with a newline. */
  static String render(Object value) {
    return dump(value, false);
  }

  /** The value as a YAML document starting with {@code ---}, ending with a newline. */
  static String renderDocument(Object value) {
    return dump(value, true);
  }

  private static String dump(Object value, boolean explicitStart) {
    Object yaml = toYaml(value);
    String text = newYaml(explicitStart).dump(yaml);
    if (yaml instanceof List<?> list && !list.isEmpty()) {
      // The indicator indent that puts "- " under a key also shifts a top-level list right.
      return text.replaceAll("(?m)^  ", "");
    }
    return text;
  }

  /**
   * Like {@link #render}, except that a scalar is printed as its plain text
   * ({@code Default Node}, {@code true}, {@code 42}, {@code null}), ending with a newline.
   */
  static String renderForHumans(Object value) {
    Object yaml = toYaml(value);
    if (yaml instanceof Map || yaml instanceof List) {
      return render(value);
    }
    return yaml + "\n";
  }

  private static Yaml newYaml(boolean explicitStart) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setIndicatorIndent(2);
    options.setIndentWithIndicator(true);
    options.setSplitLines(false);
    options.setWidth(Integer.MAX_VALUE);
    options.setAllowUnicode(true);
    options.setExplicitStart(explicitStart);
    return new Yaml(options);
  }

  /** JSON objects become maps with sorted keys, JSON arrays lists; scalars stay. */
  static Object toYaml(Object value) {
    if (value instanceof JsonObject object) {
      return toYaml(object.getMap());
    }
    if (value instanceof JsonArray array) {
      return toYaml(array.getList());
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> sorted = new TreeMap<>();
      map.forEach((key, child) -> sorted.put(String.valueOf(key), toYaml(child)));
      return new LinkedHashMap<>(sorted);
    }
    if (value instanceof List<?> list) {
      List<Object> items = new ArrayList<>(list.size());
      list.forEach(item -> items.add(toYaml(item)));
      return items;
    }
    return value;
  }
}
