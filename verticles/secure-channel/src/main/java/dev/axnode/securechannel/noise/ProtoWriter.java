package dev.axnode.securechannel.noise;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Deterministic protobuf encoding: fields are written in the order the caller gives. */
final class ProtoWriter {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  ProtoWriter varintField(int field, long value) {
    varint((long) field << 3 | ProtoReader.VARINT);
    varint(value);
    return this;
  }

  ProtoWriter bytesField(int field, byte[] value) {
    varint((long) field << 3 | ProtoReader.LENGTH_DELIMITED);
    varint(value.length);
    out.writeBytes(value);
    return this;
  }

  ProtoWriter stringField(int field, String value) {
    return bytesField(field, value.getBytes(StandardCharsets.UTF_8));
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }

  private void varint(long value) {
    while ((value & ~0x7fL) != 0) {
      out.write((int) (value & 0x7f) | 0x80);
      value >>>= 7;
    }
    out.write((int) value);
  }
}
