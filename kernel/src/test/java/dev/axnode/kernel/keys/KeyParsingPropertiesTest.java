package dev.axnode.kernel.keys;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Peer IDs and swarm key files from random and mutated text: a clear IllegalArgumentException or a valid key, nothing else. */
class KeyParsingPropertiesTest {

  private static final String PEER = "12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq";
  private static final String KEY_FILE =
      "/key/swarm/psk/1.0.0/\n/base16/\n0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @Property(tries = 3000)
  void randomTextIsNeverAPeerIdByAccident(@ForAll String text) {
    try {
      NodeId id = NodeId.parse(text);
      assertEquals(id, NodeId.parse(id.toString()));
    } catch (IllegalArgumentException expected) {
      // the only acceptable failure
    }
  }

  @Property(tries = 3000)
  void mutatedPeerIdsFailCleanly(@ForAll("mutatedPeerIds") String text) {
    try {
      NodeId.parse(text);
    } catch (IllegalArgumentException expected) {
      // the only acceptable failure
    }
  }

  @Property(tries = 3000)
  void mutatedKeyFilesFailCleanly(@ForAll("mutatedKeyFiles") String text) {
    for (String form : new String[] {text, Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8))}) {
      try {
        SwarmKey key = SwarmKey.parse(form);
        assertEquals(SwarmKey.LENGTH, key.bytes().length);
      } catch (IllegalArgumentException expected) {
        // the only acceptable failure
      }
    }
  }

  @Provide
  Arbitrary<String> mutatedPeerIds() {
    return mutate(PEER);
  }

  @Provide
  Arbitrary<String> mutatedKeyFiles() {
    return mutate(KEY_FILE);
  }

  private static Arbitrary<String> mutate(String original) {
    return Arbitraries.integers().between(0, original.length() - 1).flatMap(position ->
        Arbitraries.chars().map(c -> {
          StringBuilder text = new StringBuilder(original);
          text.setCharAt(position, c);
          return text.toString();
        }).injectDuplicates(0.0).edgeCases(e -> { }))
        .injectNull(0.0);
  }
}
