package dev.axnode.kernel.message;

import static dev.axnode.kernel.message.MessageSamples.assertSameMessage;
import static dev.axnode.kernel.message.MessageSamples.viaWire;

import dev.axnode.kernel.link.Chunk;
import dev.axnode.kernel.link.LinkEnd;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The wire round trip of the message types with variable content, for generated content. */
class CodecPropertiesTest {

  private final Map<Class<?>, MessageCodec<Object, Object>> codecs = MessageSamples.registeredCodecs();

  @Property(tries = 300)
  void connectionEvents(@ForAll("text") String id, @ForAll boolean closed, @ForAll("text") String peer,
                        @ForAll("text") String error) {
    roundTrip(new ConnectionEvent(id, closed, peer, error));
  }

  @Property(tries = 300)
  void connectionLists(@ForAll("connections") List<ConnectionInfo> connections) {
    roundTrip(new ConnectionList(connections));
  }

  @Property(tries = 300)
  void verticleLists(@ForAll("verticles") List<VerticleInfo> verticles) {
    roundTrip(new VerticleList(verticles));
  }

  @Property(tries = 300)
  void jsonValuesAndSettings(@ForAll("json") Object value, @ForAll("text") String scope) {
    roundTrip(new JsonValue(value));
    roundTrip(new SettingsSet(scope, value));
    roundTrip(new SettingsChanged(scope, new JsonObject().put("com.actyx.os", value)));
    roundTrip(new SwapRequest(scope, scope, null, new JsonObject().put("config", value)));
  }

  @Property(tries = 300)
  void signaturesAndSignRequests(@ForAll byte[] bytes) {
    roundTrip(new Signature(bytes));
    roundTrip(new SignRequest(SignPurpose.NOISE_STATIC_KEY, bytes));
  }

  @Property(tries = 300)
  void chunksAndLinkEnds(@ForAll byte[] bytes, @ForAll("text") String error) {
    roundTrip(new Chunk(Buffer.buffer(bytes)));
    roundTrip(new LinkEnd(error));
  }

  @Property(tries = 200)
  void addressesAndStatus(@ForAll("text") String text, @ForAll int port, @ForAll long started) {
    BoundAddress address = new BoundAddress(text, text, text, port);
    roundTrip(address);
    roundTrip(new NodeStatus(started, text, List.of(address, address)));
    roundTrip(new Dial(text));
    roundTrip(new PerfRequest(text, started, -started));
    roundTrip(new SetupsRequest(text, port));
    roundTrip(new ConnectionOpen(text, port % 2 == 0, text, text, text));
  }

  private void roundTrip(Object message) {
    assertSameMessage(message, viaWire(codecs.get(message.getClass()), message));
  }

  /** Any text a message may carry: Unicode (no lone surrogates: they are not text), often null. */
  @Provide
  Arbitrary<String> text() {
    return Arbitraries.strings().ofMaxLength(40)
        .filter(s -> s.codePoints().noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE))
        .injectNull(0.1);
  }

  @Provide
  Arbitrary<List<ConnectionInfo>> connections() {
    Arbitrary<ConnectionInfo> one = Combinators.combine(text(), text(), text(), text(),
            Arbitraries.longs(), Arbitraries.longs(), Arbitraries.longs())
        .as(ConnectionInfo::new);
    return one.list().ofMaxSize(5);
  }

  @Provide
  Arbitrary<List<VerticleInfo>> verticles() {
    Arbitrary<Member> member = Combinators.combine(text(), text(), text(), Arbitraries.longs())
        .as(Member::new).injectNull(0.2);
    Arbitrary<VerticleInfo> one = Combinators.combine(text().filter(s -> s != null), text(), text(), text(),
            text(), text(), member)
        .as(VerticleInfo::new);
    return one.list().ofMaxSize(5);
  }

  /** JSON values as the settings carry them: scalars, arrays and objects nested three deep. */
  @Provide
  Arbitrary<Object> json() {
    return jsonValue(3);
  }

  private Arbitrary<Object> jsonValue(int depth) {
    Arbitrary<Object> scalar = Arbitraries.oneOf(text().map(s -> (Object) s), Arbitraries.integers().map(i -> (Object) i),
        Arbitraries.longs().map(l -> (Object) l), Arbitraries.doubles().map(d -> (Object) d),
        Arbitraries.of(true, false).map(b -> (Object) b));
    if (depth == 0) {
      return scalar;
    }
    Arbitrary<Object> array = jsonValue(depth - 1).list().ofMaxSize(4).map(list -> {
      JsonArray result = new JsonArray();
      list.forEach(result::add);
      return result;
    });
    Arbitrary<Object> object = Arbitraries.maps(text().filter(s -> s != null), jsonValue(depth - 1)).ofMaxSize(4)
        .map(map -> {
          JsonObject result = new JsonObject();
          map.forEach(result::put);
          return result;
        });
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, scalar), net.jqwik.api.Tuple.of(1, array), net.jqwik.api.Tuple.of(1, object));
  }
}
