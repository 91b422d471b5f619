package dev.axnode.kernel.keys;

import dev.axnode.testkit.Fuzz;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes swarm key files and settings values: random text and mutations of every accepted
 * form (base16, base64 and bin files, their base64 setting form, newlines folded into spaces).
 * Only IllegalArgumentException comes out, CPU and allocation are bounded per input, and an
 * accepted key writes back to a file that parses to the same key.
 */
@AddLifecycleHook(Fuzz.class)
class SwarmKeyFuzzTest {

  /**
   * Per char: the stripped text, its base64 decoding and the String of that, the split lines:
   * a handful of copies at 2 bytes per char. Fixed: the key, a regex, one exception.
   */
  private static final Fuzz.Budget BUDGET = new Fuzz.Budget(32, 64 * 1024);
  private static final SwarmKey KEY = SwarmKey.generate(new java.security.SecureRandom(new byte[] {1}));

  @BeforeContainer
  static void warmUp() {
    for (String form : forms()) {
      parseAndRoundTrip(form);
    }
  }

  @Property(tries = 2000)
  void randomText(@ForAll @Size(max = 400) String input) {
    Fuzz.decode(input, 2L * input.length(), BUDGET, IllegalArgumentException.class, () -> parseAndRoundTrip(input));
  }

  @Property(tries = 3000)
  void mutatedForms(@ForAll("form") String valid, @ForAll int kind, @ForAll int position, @ForAll byte value) {
    byte[] mutated = Fuzz.mutate(valid.getBytes(StandardCharsets.ISO_8859_1), kind, position, value);
    String input = new String(mutated, StandardCharsets.ISO_8859_1);
    Fuzz.decode(input, 2L * input.length(), BUDGET, IllegalArgumentException.class, () -> parseAndRoundTrip(input));
  }

  @Property(tries = 1000)
  void mutatedSettingValues(@ForAll("form") String valid, @ForAll int kind, @ForAll int position, @ForAll byte value) {
    byte[] file = Fuzz.mutate(valid.getBytes(StandardCharsets.ISO_8859_1), kind, position, value);
    String input = Base64.getEncoder().encodeToString(file);
    Fuzz.decode(input, 2L * input.length(), BUDGET, IllegalArgumentException.class, () -> parseAndRoundTrip(input));
  }

  @Provide
  Arbitrary<String> form() {
    return Arbitraries.of(forms());
  }

  private static String[] forms() {
    byte[] bytes = KEY.bytes();
    String hexFile = KEY.toKeyFile();
    byte[] binary = new byte[32];
    new Random(7).nextBytes(binary);
    return new String[] {hexFile, KEY.toSettingValue(), hexFile.replace('\n', ' '),
        "/key/swarm/psk/1.0.0/\n/base64/\n" + Base64.getEncoder().encodeToString(bytes),
        "/key/swarm/psk/1.0.0/\n/bin/\n" + new String(binary, StandardCharsets.ISO_8859_1)};
  }

  private static void parseAndRoundTrip(String input) {
    SwarmKey key = SwarmKey.parse(input);
    assertEquals(key, SwarmKey.parse(key.toKeyFile()));
    assertEquals(key, SwarmKey.parse(key.toSettingValue()));
  }
}
