package dev.axnode.cli;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code ax}'s picocli models are built in code, with options and parameters bound to the
 * command's fields by lambdas. Picocli's annotations cost every command ~60 ms of a ~250 ms
 * start: the JDK makes a proxy class per annotation type it reads (no AOT cache can hold one),
 * and picocli scans every method of a command's class hierarchy, {@code Object} included.
 * What picocli builds from here is the same model, so it parses, helps and refuses as before.
 */
final class CommandSpecs {

  /** The key picocli's own {@code mixinStandardHelpOptions} uses, so the model reports it the same. */
  private static final String STANDARD_HELP = "mixinStandardHelpOptions";

  private CommandSpecs() {
  }

  /** A command named {@code name}, run by {@code userObject}, without options yet. */
  static CommandSpec command(Object userObject, String name, String description) {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(userObject);
    spec.name(name);
    spec.usageMessage().description(description);
    return spec;
  }

  /** A group of commands: its name, description and {@code -h}/{@code -V}; its leaves are added to it. */
  static CommandSpec group(Object userObject, String name, String description) {
    return withStandardHelp(command(userObject, name, description));
  }

  /**
   * Adds {@code -h, --help} and {@code -V, --version} as picocli's
   * {@code mixinStandardHelpOptions = true} does (the same mixin, names, texts and keys),
   * last, as picocli does.
   */
  static CommandSpec withStandardHelp(CommandSpec spec) {
    CommandSpec mixin = CommandSpec.create();
    mixin.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).type(boolean.class)
        .descriptionKey("mixinStandardHelpOptions.help").description("Show this help message and exit.").build());
    mixin.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).type(boolean.class)
        .descriptionKey("mixinStandardHelpOptions.version").description("Print version information and exit.").build());
    spec.addMixin(STANDARD_HELP, mixin);
    return spec;
  }

  /**
   * Binds an option of type {@code type} to a field, read by {@code get} and written by
   * {@code set}; the field's value now is the initial value picocli restores before a parse.
   */
  static <V> OptionSpec.Builder bind(OptionSpec.Builder builder, Class<V> type, Supplier<V> get, Consumer<V> set) {
    FieldBinding<V> binding = new FieldBinding<>(get, set);
    return builder.type(type).getter(binding).setter(binding).initialValue(get.get());
  }

  /** The same for a positional parameter, required unless its arity allows none (as {@code @Parameters}). */
  static <V> PositionalParamSpec.Builder bind(PositionalParamSpec.Builder builder, Class<V> type, Supplier<V> get,
                                              Consumer<V> set) {
    FieldBinding<V> binding = new FieldBinding<>(get, set);
    return builder.type(type).getter(binding).setter(binding).initialValue(get.get())
        .required(builder.arity() == null || builder.arity().min() > 0);
  }

  /** Binds a repeatable option to a list of strings. */
  static OptionSpec.Builder bindList(OptionSpec.Builder builder, Supplier<List<String>> get,
                                     Consumer<List<String>> set) {
    FieldBinding<List<String>> binding = new FieldBinding<>(get, set);
    return builder.type(List.class).auxiliaryTypes(String.class).getter(binding).setter(binding)
        .initialValue(get.get());
  }

  /** A field as picocli sees it: read and written through lambdas instead of reflection. */
  private static final class FieldBinding<V> implements IGetter, ISetter {
    private final Supplier<V> get;
    private final Consumer<V> set;

    private FieldBinding(Supplier<V> get, Consumer<V> set) {
      this.get = get;
      this.set = set;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get() {
      return (T) get.get();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T set(T value) {
      T previous = get();
      set.accept((V) value);
      return previous;
    }
  }
}
