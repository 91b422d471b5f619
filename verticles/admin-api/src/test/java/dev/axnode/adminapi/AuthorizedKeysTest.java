package dev.axnode.adminapi;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who may call, for every combination of list, origin and {@code adminOpen}. */
class AuthorizedKeysTest {

  private static final String ALICE = "0" + "A".repeat(43) + "=";
  private static final String BOB = "0" + "B".repeat(43) + "=";

  @Test
  void protectedModeServesLoopbackOnlyWhileTheListIsEmpty() {
    AuthorizedKeys keys = new AuthorizedKeys(false);
    assertNull(keys.refusal(ALICE, true));
    AxException remote = keys.refusal(ALICE, false);
    assertEquals(ErrorCode.UNAUTHORIZED, remote.code());
    assertEquals(AuthorizedKeys.protectedMode(ALICE), remote.getMessage());
    assertFalse(keys.explicitlyAuthorizes(ALICE), "an empty list grants nobody explicitly");
  }

  @Test
  void anOpenNodeServesEveryoneWhileTheListIsEmpty() {
    AuthorizedKeys keys = new AuthorizedKeys(true);
    assertNull(keys.refusal(ALICE, false));
    assertNull(keys.refusal(ALICE, true));
  }

  @Test
  void aListAdmitsExactlyItsKeysFromAnywhere() {
    for (boolean open : new boolean[] {false, true}) {
      AuthorizedKeys keys = new AuthorizedKeys(open);
      keys.update(settings(ALICE));
      assertNull(keys.refusal(ALICE, false));
      assertNull(keys.refusal(ALICE, true));
      assertEquals(AuthorizedKeys.REFUSED, keys.refusal(BOB, true).getMessage());
      assertEquals(AuthorizedKeys.REFUSED, keys.refusal(BOB, false).getMessage());
      assertTrue(keys.explicitlyAuthorizes(ALICE));
      assertFalse(keys.explicitlyAuthorizes(BOB));
    }
  }

  @Test
  void listenersHearChangesOnly() {
    AuthorizedKeys keys = new AuthorizedKeys(false);
    AtomicInteger changes = new AtomicInteger();
    Runnable remove = keys.onChange(changes::incrementAndGet);
    keys.update(new JsonObject());
    assertEquals(0, changes.get(), "still empty");
    keys.update(settings(ALICE));
    keys.update(settings(ALICE));
    assertEquals(1, changes.get());
    keys.update(settings(ALICE, BOB));
    assertEquals(2, changes.get());
    remove.run();
    keys.update(settings());
    assertEquals(2, changes.get());
    assertNull(keys.refusal(BOB, true), "emptied again");
  }

  @Test
  void theProtectedModeMessageSaysHowToLeaveIt() {
    String message = AuthorizedKeys.protectedMode(ALICE);
    for (String words : new String[] {"protected mode", "authorizedKeys", "--local /dns4/localhost/tcp/4458",
        "authorize-key", "'[\"" + ALICE + "\"]'"}) {
      assertTrue(message.contains(words), words + " in " + message);
    }
  }

  private static JsonObject settings(String... keys) {
    return new JsonObject().put("com.actyx.os", new JsonObject().put("general",
        new JsonObject().put("authorizedKeys", new JsonArray(java.util.List.of((Object[]) keys)))));
  }
}
