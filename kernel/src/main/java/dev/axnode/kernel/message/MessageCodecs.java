package dev.axnode.kernel.message;

import dev.axnode.kernel.link.Chunk;
import dev.axnode.kernel.link.Credit;
import dev.axnode.kernel.link.LinkEnd;
import io.vertx.core.eventbus.EventBus;

/** Registers the codec of every message type, once, before any verticle starts. */
public final class MessageCodecs {

  private MessageCodecs() {
  }

  public static void registerAll(EventBus bus) {
    bus.registerDefaultCodec(NodeIdentity.class, new NodeIdentity.Codec());
    bus.registerDefaultCodec(SignRequest.class, new SignRequest.Codec());
    bus.registerDefaultCodec(Signature.class, new Signature.Codec());
    bus.registerDefaultCodec(JsonValue.class, new JsonValue.Codec());
    bus.registerDefaultCodec(SettingsGet.class, new SettingsGet.Codec());
    bus.registerDefaultCodec(SettingsSet.class, new SettingsSet.Codec());
    bus.registerDefaultCodec(SettingsUnset.class, new SettingsUnset.Codec());
    bus.registerDefaultCodec(SettingsSchemaRequest.class, new SettingsSchemaRequest.Codec());
    bus.registerDefaultCodec(SettingsChanged.class, new SettingsChanged.Codec());
    bus.registerDefaultCodec(VerticleInfo.class, new VerticleInfo.Codec());
    bus.registerDefaultCodec(VerticleList.class, new VerticleList.Codec());
    bus.registerDefaultCodec(SwapRequest.class, new SwapRequest.Codec());
    bus.registerDefaultCodec(BoundAddress.class, new BoundAddress.Codec());
    bus.registerDefaultCodec(NodeStatus.class, new NodeStatus.Codec());
    bus.registerDefaultCodec(ConnectionOpen.class, new ConnectionOpen.Codec());
    bus.registerDefaultCodec(ConnectionEvent.class, new ConnectionEvent.Codec());
    bus.registerDefaultCodec(Dial.class, new Dial.Codec());
    bus.registerDefaultCodec(ConnectionInfo.class, new ConnectionInfo.Codec());
    bus.registerDefaultCodec(ConnectionList.class, new ConnectionList.Codec());
    bus.registerDefaultCodec(PerfRequest.class, new PerfRequest.Codec());
    bus.registerDefaultCodec(SetupsRequest.class, new SetupsRequest.Codec());
    bus.registerDefaultCodec(SwarmProgressRequest.class, new SwarmProgressRequest.Codec());
    bus.registerDefaultCodec(EventsPublish.class, new EventsPublish.Codec());
    bus.registerDefaultCodec(EventsPublished.class, new EventsPublished.Codec());
    bus.registerDefaultCodec(PayloadSeal.class, new PayloadSeal.Codec());
    bus.registerDefaultCodec(PayloadsSealed.class, new PayloadsSealed.Codec());
    bus.registerDefaultCodec(Chunk.class, new Chunk.Codec());
    bus.registerDefaultCodec(Credit.class, new Credit.Codec());
    bus.registerDefaultCodec(LinkEnd.class, new LinkEnd.Codec());
  }
}
