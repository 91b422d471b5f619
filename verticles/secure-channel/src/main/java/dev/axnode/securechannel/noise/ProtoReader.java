package dev.axnode.securechannel.noise;

import java.util.Arrays;

/**
 * A bounded reader of protobuf wire format over a byte range: just the parts the libp2p
 * payloads use. Every length is checked against what is left and against a caller's limit
 * before anything is allocated.
 *
 * <p>Spec: https://protobuf.dev/programming-guides/encoding/
 */
final class ProtoReader {

  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LENGTH_DELIMITED = 2;
  static final int FIXED32 = 5;

  private final byte[] data;
  private final int end;
  private int position;

  ProtoReader(byte[] data) {
    this(data, 0, data.length);
  }

  private ProtoReader(byte[] data, int offset, int end) {
    this.data = data;
    this.position = offset;
    this.end = end;
  }

  boolean hasMore() {
    return position < end;
  }

  /** A tag as {@code field << 3 | wireType}; rejects field 0, groups and unknown wire types. */
  int readTag() throws NoiseException {
    long tag = readVarint();
    int wireType = (int) (tag & 7);
    long field = tag >>> 3;
    if (field == 0 || field > 536_870_911L) {
      throw new NoiseException("bad protobuf field number " + field);
    }
    if (wireType != VARINT && wireType != FIXED64 && wireType != LENGTH_DELIMITED && wireType != FIXED32) {
      throw new NoiseException("unsupported protobuf wire type " + wireType);
    }
    return (int) tag;
  }

  long readVarint() throws NoiseException {
    long value = 0;
    for (int i = 0; i < 10; i++) {
      if (position >= end) {
        throw new NoiseException("truncated protobuf varint");
      }
      int b = data[position++] & 0xff;
      if (i == 9 && b > 1) {
        throw new NoiseException("protobuf varint overflows 64 bits");
      }
      value |= (long) (b & 0x7f) << (7 * i);
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new NoiseException("protobuf varint longer than 10 bytes");
  }

  /** A length-delimited field's bytes, refused when longer than {@code limit}. */
  byte[] readBytes(int limit, String what) throws NoiseException {
    int length = readLength(limit, what);
    byte[] value = Arrays.copyOfRange(data, position, position + length);
    position += length;
    return value;
  }

  /** A reader over a nested message, which this reader skips. */
  ProtoReader readMessage(int limit, String what) throws NoiseException {
    int length = readLength(limit, what);
    ProtoReader nested = new ProtoReader(data, position, position + length);
    position += length;
    return nested;
  }

  /** Skips the value of an unknown field. */
  void skip(int wireType) throws NoiseException {
    switch (wireType) {
      case VARINT -> readVarint();
      case FIXED64 -> advance(8);
      case FIXED32 -> advance(4);
      case LENGTH_DELIMITED -> advance(readLength(Integer.MAX_VALUE, "unknown field"));
      default -> throw new NoiseException("unsupported protobuf wire type " + wireType);
    }
  }

  static int wireType(int tag) {
    return tag & 7;
  }

  static int field(int tag) {
    return tag >>> 3;
  }

  private int readLength(int limit, String what) throws NoiseException {
    long length = readVarint();
    if (length < 0 || length > end - position) {
      throw new NoiseException(what + " runs past the end of its message");
    }
    if (length > limit) {
      throw new NoiseException(what + " too long: " + length + " bytes, limit " + limit);
    }
    return (int) length;
  }

  private void advance(int count) throws NoiseException {
    if (end - position < count) {
      throw new NoiseException("truncated protobuf field");
    }
    position += count;
  }
}
