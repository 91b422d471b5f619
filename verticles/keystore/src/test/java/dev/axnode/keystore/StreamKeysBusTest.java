package dev.axnode.keystore;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.message.MessageCodecs;
import dev.axnode.kernel.message.NodeIdentity;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two keystore verticles with different identities, each in its own Vert.x (they serve the
 * same addresses), driven only through the bus: grants from one to the other, payloads sealed
 * by one and opened by the other, and every refusal. The test thread waits on the replies.
 */
class StreamKeysBusTest {

  private static final Base64.Encoder B64 = Base64.getEncoder();

  @TempDir
  Path root;

  private Vertx a;
  private Vertx b;

  @BeforeEach
  void start() {
    a = Vertx.vertx();
    b = Vertx.vertx();
    MessageCodecs.registerAll(a.eventBus());
    MessageCodecs.registerAll(b.eventBus());
  }

  @AfterEach
  void stop() throws Exception {
    await(a.close());
    await(b.close());
  }

  @Test
  void aGrantsBAndEachOpensWhatTheOtherSeals() throws Exception {
    deploy(a, "a");
    String nodeA = nodeId(a);
    String nodeB = deployAndIdentify(b, "b");

    JsonObject created = keys(a, create("machine"));
    String keyId = created.getString("keyId");
    assertEquals(new JsonObject().put("semantics", "machine").put("keyEpoch", 1).put("keyId", keyId), created);
    JsonObject sealedReply = keys(a, seal("machine", 1, nodeB));
    assertEquals(keyId, sealedReply.getString("keyId"), "a seal names the key it carries");
    String sealed = sealedReply.getString("sealed");
    assertEquals(keyId, keys(b, accept("machine", 1, sealed)).getString("keyId"));
    assertTrue(keys(b, accept("machine", 1, sealed)).getBoolean("accepted"), "accepting twice is fine");
    assertEquals(new JsonArray().add(new JsonObject().put("semantics", "machine").put("keyEpochs", new JsonArray().add(1))
            .put("keyIds", new JsonArray().add(keyId))),
        keys(b, new JsonObject().put("op", "ls")).getJsonArray("keys"));

    byte[] aad = "header of event 7".getBytes(StandardCharsets.UTF_8);
    byte[] fromA = payloadSeal(a, "machine", 1, aad, "{\"temp\":21}");
    assertEquals("{\"temp\":21}", payloadOpen(b, "machine", 1, aad, fromA));
    byte[] fromB = payloadSeal(b, "machine", 1, aad, "{\"temp\":22}");
    assertEquals("{\"temp\":22}", payloadOpen(a, "machine", 1, aad, fromB));
    assertEquals(12 + 11 + 16, fromA.length, "nonce ‖ ciphertext ‖ tag");

    byte[] tampered = fromA.clone();
    tampered[15] ^= 0x01;
    assertNull(payloadOpen(b, "machine", 1, aad, tampered), "a changed ciphertext");
    assertNull(payloadOpen(b, "machine", 1, "header of event 8".getBytes(StandardCharsets.UTF_8), fromA),
        "ciphertext moved to another event");
    assertNull(payloadOpen(b, "other", 1, aad, fromA), "no key of that semantics");

    assertEquals(2, keys(a, new JsonObject().put("op", "rotate").put("semantics", "machine")).getInteger("keyEpoch"));
    byte[] epoch2 = payloadSeal(a, "machine", 2, aad, "{\"temp\":23}");
    assertNull(payloadOpen(b, "machine", 2, aad, epoch2), "B was not granted epoch 2");
    assertEquals("{\"temp\":23}", payloadOpen(a, "machine", 2, aad, epoch2));
    assertEquals(ErrorCode.EVENTS_NO_KEY, failure(payloadSealRequest(b, "machine", 2, aad, "{}")));

    String toA = keys(a, seal("machine", 1, nodeA)).getString("sealed");
    assertFalse(keys(b, accept("machine", 1, toA)).getBoolean("accepted"), "sealed to another node");
    byte[] changed = Base64.getDecoder().decode(sealed);
    changed[changed.length - 1] ^= 0x01;
    assertFalse(keys(b, accept("machine", 1, B64.encodeToString(changed))).getBoolean("accepted"), "a changed grant");
  }

  @Test
  void anAcceptNamingAKeyIdTakesOnlyThatKeyAndReplacesOnlyWhenAsked() throws Exception {
    deploy(a, "a");
    String nodeB = deployAndIdentify(b, "b");
    keys(a, create("machine"));
    keys(b, create("machine"));
    JsonObject rotated = keys(a, new JsonObject().put("op", "rotate").put("semantics", "machine").put("keyEpoch", 3));
    assertEquals(3, rotated.getInteger("keyEpoch"), "the events side names the epoch of a rotation");
    assertEquals(ErrorCode.FILE_EXISTS, failure(keysRequest(a, new JsonObject().put("op", "rotate")
        .put("semantics", "machine").put("keyEpoch", 3))));

    JsonObject sealedReply = keys(a, seal("machine", 1, nodeB));
    String sealed = sealedReply.getString("sealed");
    JsonObject wrongId = accept("machine", 1, sealed).put("keyId", "00".repeat(16));
    assertEquals(ErrorCode.EVENTS_REJECTED, failure(keysRequest(b, wrongId)), "not the key the grant names");
    assertEquals(ErrorCode.FILE_EXISTS, failure(keysRequest(b, accept("machine", 1, sealed))),
        "B holds another epoch 1 and was not asked to replace it");
    JsonObject replaced = keys(b, accept("machine", 1, sealed).put("keyId", sealedReply.getString("keyId")).put("replace", true));
    assertEquals(sealedReply.getString("keyId"), replaced.getString("keyId"));
    byte[] aad = "header".getBytes(StandardCharsets.UTF_8);
    assertEquals("{}", payloadOpen(b, "machine", 1, aad, payloadSeal(a, "machine", 1, aad, "{}")));
  }

  @Test
  void aGrantCannotBeRelabelledAsAnotherFamilyOrEpoch() throws Exception {
    deploy(a, "a");
    String nodeB = deployAndIdentify(b, "b");
    keys(a, create("aaaa"));
    String sealed = keys(a, seal("aaaa", 1, nodeB)).getString("sealed");

    assertEquals(ErrorCode.INVALID_INPUT, failure(keysRequest(b, accept("bbbb", 1, sealed))));
    assertEquals(ErrorCode.INVALID_INPUT, failure(keysRequest(b, accept("aaaa", 2, sealed))));
    assertEquals(ErrorCode.INVALID_INPUT, failure(keysRequest(b, accept("aaaaa", 1, sealed))), "wrong length");
    assertEquals(0, keys(b, new JsonObject().put("op", "ls")).getJsonArray("keys").size());
  }

  @Test
  void refusesWithAClearCode() throws Exception {
    deploy(a, "a");
    String nodeA = nodeId(a);
    keys(a, create("machine"));

    assertEquals(ErrorCode.FILE_EXISTS, failure(keysRequest(a, create("machine"))));
    assertEquals(ErrorCode.EVENTS_NO_KEY, failure(keysRequest(a, new JsonObject().put("op", "rotate").put("semantics", "none"))));
    assertEquals(ErrorCode.EVENTS_NO_KEY, failure(keysRequest(a, seal("none", 1, nodeA))));
    assertEquals(ErrorCode.EVENTS_NO_KEY, failure(keysRequest(a, seal("machine", 2, nodeA))));
    assertEquals(ErrorCode.EVENTS_NO_KEY, failure(payloadSealRequest(a, "none", 1, new byte[0], "{}")));
    assertEquals(ErrorCode.INVALID_INPUT, failure(keysRequest(a, seal("machine", 1, "12D3KooWnot-a-node"))));
    assertEquals(ErrorCode.INVALID_INPUT, failure(keysRequest(a, accept("machine", 1, "%%%not base64"))));
    assertEquals(ErrorCode.INVALID_INPUT, failure(keysRequest(a, new JsonObject().put("op", "burn"))));
    assertEquals(ErrorCode.INVALID_INPUT, failure(keysRequest(a, create(""))));
    assertEquals(ErrorCode.INVALID_INPUT, failure(keysRequest(a, seal("machine", 0, nodeA))));
    assertEquals(ErrorCode.INVALID_INPUT, failure(BusRequests.request(a, Addresses.KEYSTORE_PAYLOADS_OPEN,
        new JsonObject().put("items", new JsonArray().add("not an object")))));
    assertEquals(ErrorCode.INVALID_INPUT, failure(BusRequests.request(a, Addresses.KEYSTORE_STREAMKEYS, "text")));
  }

  @Test
  void keysAreOwnerOnlySurviveARestartAndAreUselessBesideAnotherIdentity() throws Exception {
    String first = deploy(a, "a");
    keys(a, create("machine"));
    keys(a, new JsonObject().put("op", "rotate").put("semantics", "machine"));
    byte[] aad = {1, 2, 3};
    byte[] sealed = payloadSeal(a, "machine", 2, aad, "\"kept\"");
    Path file = root.resolve("a").resolve("stream-keys");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    byte[] content = Files.readAllBytes(file);
    assertEquals("AXSK", new String(content, 0, 4, StandardCharsets.US_ASCII));

    await(a.undeploy(first));
    deploy(a, "a");
    assertEquals(new JsonArray().add(1).add(2),
        keys(a, new JsonObject().put("op", "ls")).getJsonArray("keys").getJsonObject(0).getJsonArray("keyEpochs"));
    assertEquals("\"kept\"", payloadOpen(a, "machine", 2, aad, sealed));

    deploy(b, "b");
    await(b.undeploy(b.deploymentIDs().iterator().next()));
    Files.copy(file, root.resolve("b").resolve("stream-keys"), StandardCopyOption.REPLACE_EXISTING);
    ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> deploy(b, "b"));
    AxException e = AxException.from(refused.getCause());
    assertEquals(ErrorCode.NODE_MISCONFIGURED, e.code());
    assertEquals("Cannot open stream keys " + root.resolve("b").resolve("stream-keys")
        + ": sealed under another node identity, or tampered with", e.getMessage());
  }

  private String deploy(Vertx vertx, String dir) throws Exception {
    JsonObject config = new JsonObject().put("name", "keystore")
        .put("dataDir", root.resolve(dir).toString()).put("scryptLog2N", 4);
    return await(vertx.deployVerticle(new KeystoreVerticle(name -> null), new DeploymentOptions().setConfig(config)));
  }

  private String deployAndIdentify(Vertx vertx, String dir) throws Exception {
    deploy(vertx, dir);
    return nodeId(vertx);
  }

  private static String nodeId(Vertx vertx) throws Exception {
    return await(BusRequests.<NodeIdentity>request(vertx, Addresses.KEYSTORE_IDENTITY, null)).nodeId().toString();
  }

  private static JsonObject create(String semantics) {
    return new JsonObject().put("op", "create").put("semantics", semantics);
  }

  private static JsonObject seal(String semantics, int epoch, String recipient) {
    return new JsonObject().put("op", "seal").put("semantics", semantics).put("keyEpoch", epoch).put("recipient", recipient);
  }

  private static JsonObject accept(String semantics, int epoch, String sealed) {
    return new JsonObject().put("op", "accept").put("semantics", semantics).put("keyEpoch", epoch).put("sealed", sealed);
  }

  private static Future<JsonObject> keysRequest(Vertx vertx, JsonObject request) {
    return BusRequests.request(vertx, Addresses.KEYSTORE_STREAMKEYS, request);
  }

  private static JsonObject keys(Vertx vertx, JsonObject request) throws Exception {
    return await(keysRequest(vertx, request));
  }

  private static Future<JsonObject> payloadSealRequest(Vertx vertx, String semantics, int epoch, byte[] aad, String text) {
    JsonObject item = new JsonObject().put("aad", B64.encodeToString(aad))
        .put("plaintext", B64.encodeToString(text.getBytes(StandardCharsets.UTF_8)));
    return BusRequests.request(vertx, Addresses.KEYSTORE_PAYLOADS_SEAL, new JsonObject()
        .put("semantics", semantics).put("keyEpoch", epoch).put("items", new JsonArray().add(item)));
  }

  private static byte[] payloadSeal(Vertx vertx, String semantics, int epoch, byte[] aad, String text) throws Exception {
    return Base64.getDecoder().decode(await(payloadSealRequest(vertx, semantics, epoch, aad, text))
        .getJsonArray("items").getString(0));
  }

  private static String payloadOpen(Vertx vertx, String semantics, int epoch, byte[] aad, byte[] sealed) throws Exception {
    JsonObject item = new JsonObject().put("semantics", semantics).put("keyEpoch", epoch)
        .put("aad", B64.encodeToString(aad)).put("sealed", B64.encodeToString(sealed));
    JsonObject reply = await(BusRequests.request(vertx, Addresses.KEYSTORE_PAYLOADS_OPEN,
        new JsonObject().put("items", new JsonArray().add(item))));
    String plain = reply.getJsonArray("items").getString(0);
    return plain == null ? null : new String(Base64.getDecoder().decode(plain), StandardCharsets.UTF_8);
  }

  private static ErrorCode failure(Future<?> future) {
    try {
      Object result = await(future);
      throw new AssertionError("expected a failure, got " + result);
    } catch (ExecutionException e) {
      return AxException.from(e.getCause()).code();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Waits for a reply on the test thread (never an event loop); a lost reply fails after 10 s. */
  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
