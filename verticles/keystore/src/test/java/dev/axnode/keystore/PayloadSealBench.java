package dev.axnode.keystore;

import io.vertx.core.json.JsonObject;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * The cost of encrypting event payloads, per batch of {@value #BATCH} events of ~100 bytes
 * (JMH; run by {@code verticles/keystore/bench.sh}): {@code plain} is what every event costs
 * anyway (its JSON text as UTF-8 bytes), {@code sealed} adds AES-256-GCM with an 80-byte
 * header as associated data, {@code sealedAsOnTheBus} adds the base64 both ways that the
 * {@code ax.keystore.payloads.seal} request and reply carry. Microseconds per batch.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PayloadSealBench {

  static final int BATCH = 100;

  private final JsonObject[] payloads = new JsonObject[BATCH];
  private final byte[][] headers = new byte[BATCH][];
  private final byte[] key = new byte[32];
  private PayloadCipher cipher;

  @Setup
  public void setUp() {
    SecureRandom random = new SecureRandom();
    random.nextBytes(key);
    cipher = new PayloadCipher(random);
    for (int i = 0; i < BATCH; i++) {
      payloads[i] = new JsonObject().put("machine", "press-" + i).put("temperature", 21.5 + i)
          .put("state", "running").put("operator", "shift-b").put("count", 1000 + i);
      headers[i] = new byte[80];
      random.nextBytes(headers[i]);
    }
  }

  @Benchmark
  public void plain(Blackhole sink) {
    for (int i = 0; i < BATCH; i++) {
      sink.consume(payloads[i].encode().getBytes(StandardCharsets.UTF_8));
    }
  }

  @Benchmark
  public void sealed(Blackhole sink) {
    for (int i = 0; i < BATCH; i++) {
      sink.consume(cipher.seal(key, headers[i], payloads[i].encode().getBytes(StandardCharsets.UTF_8)));
    }
  }

  @Benchmark
  public void sealedAsOnTheBus(Blackhole sink) {
    for (int i = 0; i < BATCH; i++) {
      String sent = Base64.getEncoder().encodeToString(payloads[i].encode().getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.seal(key, Base64.getDecoder().decode(Base64.getEncoder().encodeToString(headers[i])),
          Base64.getDecoder().decode(sent));
      sink.consume(Base64.getDecoder().decode(Base64.getEncoder().encodeToString(sealed)));
    }
  }
}
