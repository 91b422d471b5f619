package dev.axnode.kernel.message;

import static dev.axnode.kernel.message.MessageSamples.assertSameMessage;
import static dev.axnode.kernel.message.MessageSamples.viaWire;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every registered codec: the wire form round trip (across JVMs) and the local hand-over (transform). */
class CodecRoundTripTest {

  private final Map<Class<?>, MessageCodec<Object, Object>> codecs = MessageSamples.registeredCodecs();

  @Test
  void everyRegisteredTypeHasSamples() {
    MessageSamples.assertCatalogueComplete();
  }

  @Test
  void codecNamesAreUniqueAndUserCodecs() {
    Set<String> names = new HashSet<>();
    codecs.values().forEach(codec -> {
      assertTrue(names.add(codec.name()), codec.name());
      assertTrue(codec.name().startsWith("ax."), codec.name());
      assertEquals(-1, codec.systemCodecID(), codec.name());
    });
  }

  @Test
  void everySampleSurvivesTheWire() {
    MessageSamples.all().forEach((type, samples) -> {
      for (Object sample : samples) {
        Object decoded = viaWire(codecs.get(type), sample);
        assertEquals(type, decoded.getClass());
        assertSameMessage(sample, decoded);
      }
    });
  }

  @Test
  void theWireFormOfADecodedMessageIsTheSameBytes() {
    MessageSamples.all().forEach((type, samples) -> {
      MessageCodec<Object, Object> codec = codecs.get(type);
      for (Object sample : samples) {
        assertEquals(encode(codec, sample), encode(codec, viaWire(codec, sample)), type.getSimpleName());
      }
    });
  }

  @Test
  void transformKeepsTheContent() {
    MessageSamples.all().forEach((type, samples) -> {
      for (Object sample : samples) {
        assertSameMessage(sample, codecs.get(type).transform(sample));
      }
    });
  }

  @Test
  void transformCopiesWhatAReceiverCouldChange() {
    JsonObject settings = new JsonObject().put("a", new JsonObject().put("b", 1));
    SettingsChanged changed = (SettingsChanged) codecs.get(SettingsChanged.class)
        .transform(new SettingsChanged("s", settings));
    changed.settings().getJsonObject("a").put("b", 2);
    assertEquals(1, settings.getJsonObject("a").getInteger("b"));

    JsonValue value = (JsonValue) codecs.get(JsonValue.class).transform(new JsonValue(settings));
    assertNotSame(settings, value.value());
    SettingsSet set = (SettingsSet) codecs.get(SettingsSet.class).transform(new SettingsSet("s", settings));
    assertNotSame(settings, set.value());
    SwapRequest swap = (SwapRequest) codecs.get(SwapRequest.class).transform(new SwapRequest("n", null, null, settings));
    assertNotSame(settings, swap.config());

    byte[] input = new byte[32];
    SignRequest sign = (SignRequest) codecs.get(SignRequest.class).transform(SignRequest.noiseStaticKey(input));
    sign.input()[0] = 1;
    assertEquals(0, input[0]);
  }

  @Test
  void immutableMessagesAreHandedOverAsTheyAre() {
    // EventsPublish, PayloadSeal, PayloadsSealed: their arrays are owned by the message (the sender never writes them again)
    for (Class<?> type : List.of(VerticleInfo.class, ConnectionEvent.class, BoundAddress.class, SettingsGet.class,
        EventsPublish.class, EventsPublished.class, PayloadSeal.class, PayloadsSealed.class)) {
      Object sample = MessageSamples.all().get(type).get(0);
      assertSame(sample, codecs.get(type).transform(sample), type.getSimpleName());
    }
  }

  private static Buffer encode(MessageCodec<Object, Object> codec, Object message) {
    Buffer wire = Buffer.buffer();
    codec.encodeToWire(wire, message);
    return wire;
  }
}
