package dev.axnode.adminapi;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.axnode.kernel.message.EventsPublish;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import io.vertx.core.json.EncodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Publish requests for the events verticle, each payload written once as UTF-8 JSON text.
 *
 * <p>{@link #plain} reads an HTTP body {@code {"data": [{semantics, name, payload}, …]}} in
 * one streaming pass, copying each payload's tokens straight to its text: no tree of maps is
 * built, then copied over the bus, then written out again. It takes only the plain case and
 * answers null for anything else (not JSON, comments, a repeated key, a missing or ill-typed
 * field, an empty array), so the caller goes the general way ({@link #of}), which words the
 * error or handles the odd case exactly as before. The text is the one the general way
 * gives: Jackson writes a copied number as the parsed value (a float as its double), as
 * Vert.x's {@code JsonObject} holds it.
 */
final class PublishRequests {

  /** Beyond the BMP as four UTF-8 bytes, as {@code Json.encode} and the events verticle write them. */
  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

  private PublishRequests() {
  }

  /** The request of a plain publish body; null when the body is anything else (see the class comment). */
  static EventsPublish plain(String body) {
    try (JsonParser parser = JSON.createParser(body); Payloads payloads = new Payloads()) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      List<EventsPublish.Event> events = null;
      String field;
      while ((field = parser.nextFieldName()) != null) {
        JsonToken value = parser.nextToken();
        if (!"data".equals(field)) {
          parser.skipChildren();
        } else if (value != JsonToken.START_ARRAY || (events = events(parser, payloads)) == null) {
          return null;
        }
      }
      if (parser.nextToken() != null || events == null || events.isEmpty()) {
        return null;
      }
      return new EventsPublish(events);
    } catch (IOException | RuntimeException e) {
      return null; // the general way says what is wrong
    }
  }

  /** The request of events already checked to be objects with a string semantics and name and a payload. */
  static EventsPublish of(JsonArray checked) {
    try (Payloads payloads = new Payloads()) {
      List<EventsPublish.Event> events = new ArrayList<>(checked.size());
      for (int i = 0; i < checked.size(); i++) {
        JsonObject e = checked.getJsonObject(i);
        try {
          JacksonCodec.encodeJson(e.getValue("payload"), payloads.json);
        } catch (EncodeException | IllegalArgumentException failure) {
          // the events verticle's words for it, from when it wrote the payloads itself
          throw new AxException(ErrorCode.INVALID_INPUT, "event " + i
              + ": the payload cannot be written as UTF-8 JSON text (" + failure.getMessage() + ")");
        }
        events.add(new EventsPublish.Event(e.getString("semantics"), e.getString("name"), payloads.take()));
      }
      return new EventsPublish(events);
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON into memory failed", e);
    }
  }

  /** The events of the array the parser is at the start of; null at the first one that is not plain. */
  private static List<EventsPublish.Event> events(JsonParser parser, Payloads payloads) throws IOException {
    List<EventsPublish.Event> events = new ArrayList<>();
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token != JsonToken.START_OBJECT) {
        return null;
      }
      String semantics = null;
      String name = null;
      byte[] payload = null;
      String field;
      while ((field = parser.nextFieldName()) != null) {
        JsonToken value = parser.nextToken();
        switch (field) {
          case "semantics" -> semantics = value == JsonToken.VALUE_STRING ? parser.getText() : null;
          case "name" -> name = value == JsonToken.VALUE_STRING ? parser.getText() : null;
          case "payload" -> {
            payloads.json.copyCurrentStructure(parser);
            payload = payloads.take();
          }
          default -> parser.skipChildren();
        }
      }
      if (semantics == null || name == null || payload == null) {
        return null;
      }
      events.add(new EventsPublish.Event(semantics, name, payload));
    }
    return events;
  }

  /** One generator for all payloads of a request, each taken as its own array. */
  private static final class Payloads implements AutoCloseable {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    final JsonGenerator json;

    Payloads() throws IOException {
      json = JSON.createGenerator(out, JsonEncoding.UTF8);
      json.setRootValueSeparator(null); // payloads are root values, one after the other
    }

    byte[] take() throws IOException {
      json.flush();
      byte[] payload = out.toByteArray();
      out.reset();
      return payload;
    }

    @Override
    public void close() throws IOException {
      json.close();
    }
  }
}
