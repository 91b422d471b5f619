package dev.axnode.keystore;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.keys.NodeId;
import dev.axnode.kernel.message.MessageCodecs;
import dev.axnode.kernel.message.NodeIdentity;
import dev.axnode.kernel.message.SignPurpose;
import dev.axnode.kernel.message.SignRequest;
import dev.axnode.kernel.message.Signature;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The keystore verticle deployed on a real Vert.x, driven only through the event bus. */
@ExtendWith(VertxExtension.class)
class KeystoreVerticleIT {

  private static final Function<String, String> NO_ENV = name -> null;

  @TempDir
  Path dataDir;

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeEach
  void setUp(Vertx vertx) {
    MessageCodecs.registerAll(vertx.eventBus());
    logs.start();
    verticleLogger().addAppender(logs);
  }

  @AfterEach
  void tearDown() {
    verticleLogger().detachAppender(logs);
  }

  @Test
  void signsANoiseStaticKeyAsLibp2pNoiseRequires(Vertx vertx, VertxTestContext ctx) {
    byte[] staticKey = new byte[32];
    new SecureRandom().nextBytes(staticKey);
    // Written out here, not taken from SignPurpose: the wire format of libp2p Noise is fixed.
    byte[] signed = concat("noise-libp2p-static-key:".getBytes(StandardCharsets.US_ASCII), staticKey);
    deploy(vertx, new KeystoreVerticle(), cheap())
        .compose(id -> identity(vertx))
        .compose(identity -> BusRequests.<Signature>request(vertx, Addresses.KEYSTORE_SIGN,
                SignRequest.noiseStaticKey(staticKey))
            .map(signature -> {
              assertTrue(identity.nodeId().toString().startsWith("12D3KooW"));
              assertEquals(64, signature.bytes().length);
              assertTrue(verifies(identity.nodeId(), signed, signature.bytes()));
              assertFalse(verifies(identity.nodeId(), staticKey, signature.bytes()), "never the bare input");
              return identity;
            }))
        .onComplete(ctx.succeeding(identity -> ctx.verify(() -> {
          String line = "keystore " + dataDir.resolve("keystore") + " created with the new secret file "
              + dataDir.resolve("keystore.secret") + ", node ID " + identity.nodeId();
          assertEquals(line, logs.list.get(0).getFormattedMessage());
          ctx.completeNow();
        })));
  }

  @Test
  void refusesAnythingButAKnownPurposeWithItsInput(Vertx vertx, VertxTestContext ctx) {
    byte[] arbitrary = "{\"grant\":\"admin\",\"to\":\"attacker\"}".getBytes(StandardCharsets.UTF_8);
    List<Object> refused = List.of(
        new SignRequest(null, new byte[32]),
        new SignRequest(SignPurpose.NOISE_STATIC_KEY, null),
        new SignRequest(SignPurpose.NOISE_STATIC_KEY, new byte[31]),
        new SignRequest(SignPurpose.NOISE_STATIC_KEY, new byte[33]),
        new SignRequest(SignPurpose.NOISE_STATIC_KEY, arbitrary),
        new SignRequest(SignPurpose.NOISE_STATIC_KEY,
            concat("noise-libp2p-static-key:".getBytes(StandardCharsets.US_ASCII), new byte[32])),
        "not a sign request",
        new JsonObject().put("payload", arbitrary));
    Future<Void> all = deploy(vertx, new KeystoreVerticle(), cheap()).mapEmpty();
    for (Object request : refused) {
      all = all.compose(v -> expectFailure(vertx.eventBus().request(Addresses.KEYSTORE_SIGN, request)))
          .map(e -> {
            assertEquals(ErrorCode.INVALID_INPUT, AxException.from(e).code(), String.valueOf(request));
            return null;
          });
    }
    all.compose(v -> BusRequests.<Signature>request(vertx, Addresses.KEYSTORE_SIGN,
            SignRequest.noiseStaticKey(new byte[32])))
        .onComplete(ctx.succeeding(signature -> ctx.verify(() -> {
          assertEquals(64, signature.bytes().length);
          ctx.completeNow();
        })));
  }

  @Test
  void keepsItsIdentityAcrossRedeployAndLeavesNoConsumerBehind(Vertx vertx, VertxTestContext ctx) {
    deploy(vertx, new KeystoreVerticle(), cheap())
        .compose(id -> identity(vertx).compose(first -> vertx.undeploy(id).map(first)))
        .compose(first -> expectFailure(vertx.eventBus().request(Addresses.KEYSTORE_IDENTITY, null))
            .map(e -> {
              assertEquals(ReplyFailure.NO_HANDLERS, assertInstanceOf(ReplyException.class, e).failureType());
              return first;
            }))
        .compose(first -> deploy(vertx, new KeystoreVerticle(), cheap())
            .compose(id -> identity(vertx))
            .map(second -> {
              assertEquals(first.nodeId(), second.nodeId());
              assertTrue(second.nodeId().toString().startsWith("12D3KooW"));
              return second;
            }))
        .onComplete(ctx.succeeding(identity -> ctx.verify(() -> {
          assertTrue(logs.list.get(1).getFormattedMessage().endsWith(" opened with the secret file "
              + dataDir.resolve("keystore.secret") + ", node ID " + identity.nodeId()), logs.list.get(1).getFormattedMessage());
          ctx.completeNow();
        })));
  }

  @Test
  void refusesATamperedKeystoreAndLeavesItAlone(Vertx vertx, VertxTestContext ctx) throws Exception {
    Path keystore = dataDir.resolve("keystore");
    deploy(vertx, new KeystoreVerticle(), cheap())
        .compose(vertx::undeploy)
        .compose(v -> vertx.executeBlocking(() -> {
          byte[] tampered = Files.readAllBytes(keystore);
          tampered[60] ^= 0x01;
          Files.write(keystore, tampered);
          return tampered;
        }))
        .compose(tampered -> expectFailure(deploy(vertx, new KeystoreVerticle(), cheap()))
            .map(e -> {
              assertInstanceOf(AxException.class, e);
              assertTrue(e.getMessage().contains(keystore.toString()), e.getMessage());
              return tampered;
            }))
        .onComplete(ctx.succeeding(tampered -> ctx.verify(() -> {
          assertArrayEquals(tampered, Files.readAllBytes(keystore));
          assertEquals(0, vertx.deploymentIDs().size());
          ctx.completeNow();
        })));
  }

  @Test
  void unlocksWithThePassphraseFromTheEnvironmentOnly(Vertx vertx, VertxTestContext ctx) {
    Function<String, String> right = Map.of("AX_KEYSTORE_PASSPHRASE", "correct horse")::get;
    Function<String, String> wrong = Map.of("AX_KEYSTORE_PASSPHRASE", "wrong horse")::get;
    deploy(vertx, new KeystoreVerticle(right), cheap())
        .compose(id -> identity(vertx).compose(first -> vertx.undeploy(id).map(first)))
        .compose(first -> expectFailure(deploy(vertx, new KeystoreVerticle(wrong), cheap()))
            .map(e -> {
              assertEquals(ErrorCode.NODE_MISCONFIGURED, AxException.from(e).code());
              assertTrue(e.getMessage().startsWith("Cannot unlock keystore " + dataDir.resolve("keystore")),
                  e.getMessage());
              return first;
            }))
        .compose(first -> expectFailure(deploy(vertx, new KeystoreVerticle(NO_ENV), cheap())).map(first))
        .compose(first -> deploy(vertx, new KeystoreVerticle(right), cheap())
            .compose(id -> identity(vertx))
            .map(second -> {
              assertEquals(first.nodeId(), second.nodeId());
              return second;
            }))
        .onComplete(ctx.succeeding(identity -> ctx.verify(() -> {
          assertFalse(Files.exists(dataDir.resolve("keystore.secret")));
          logs.list.forEach(event -> assertFalse(event.getFormattedMessage().contains("horse")));
          ctx.completeNow();
        })));
  }

  @Test
  void unlocksWithASystemdCredentialOrAPassphraseFileAndNeverLogsThePassphrase(Vertx vertx, VertxTestContext ctx)
      throws Exception {
    Path credentials = Files.createDirectory(dataDir.resolve("credentials"));
    Path credential = Files.writeString(credentials.resolve("keystore-passphrase"), "battery staple\n");
    Path named = Files.writeString(dataDir.resolve("named-passphrase"), "battery staple");
    Function<String, String> systemd = Map.of("CREDENTIALS_DIRECTORY", credentials.toString())::get;
    Function<String, String> fileEnv = Map.of("AX_KEYSTORE_PASSPHRASE_FILE", named.toString())::get;
    deploy(vertx, new KeystoreVerticle(systemd), cheap())
        .compose(id -> identity(vertx).compose(first -> vertx.undeploy(id).map(first)))
        .compose(first -> deploy(vertx, new KeystoreVerticle(fileEnv), cheap())
            .compose(id -> identity(vertx))
            .map(second -> {
              assertEquals(first.nodeId(), second.nodeId(), "the same passphrase from another source");
              return second;
            }))
        .onComplete(ctx.succeeding(identity -> ctx.verify(() -> {
          assertEquals("keystore " + dataDir.resolve("keystore") + " created with the passphrase file " + credential
              + " (systemd credential keystore-passphrase), node ID " + identity.nodeId(),
              logs.list.get(0).getFormattedMessage());
          assertTrue(logs.list.get(1).getFormattedMessage().contains(" opened with the passphrase file " + named
              + " (environment variable AX_KEYSTORE_PASSPHRASE_FILE)"), logs.list.get(1).getFormattedMessage());
          assertFalse(Files.exists(dataDir.resolve("keystore.secret")));
          logs.list.forEach(event -> assertFalse(event.getFormattedMessage().contains("staple")));
          ctx.completeNow();
        })));
  }

  private static Future<String> deploy(Vertx vertx, KeystoreVerticle verticle, JsonObject config) {
    return vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config.put("name", "keystore")));
  }

  private static Future<NodeIdentity> identity(Vertx vertx) {
    return BusRequests.request(vertx, Addresses.KEYSTORE_IDENTITY, null);
  }

  /** Turns an expected failure into success with its cause, and an unexpected success into failure. */
  private static Future<Throwable> expectFailure(Future<?> future) {
    return future.transform(ar -> ar.failed() ? Future.succeededFuture(ar.cause())
        : Future.failedFuture(new AssertionError("expected a failure, got " + ar.result())));
  }

  private static boolean verifies(NodeId nodeId, byte[] payload, byte[] signature) {
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, new Ed25519PublicKeyParameters(nodeId.publicKey()));
    verifier.update(payload, 0, payload.length);
    return verifier.verifySignature(signature);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  private JsonObject cheap() {
    return new JsonObject().put("dataDir", dataDir.toString()).put("scryptLog2N", 4);
  }

  private static Logger verticleLogger() {
    return (Logger) LoggerFactory.getLogger(KeystoreVerticle.class);
  }
}
