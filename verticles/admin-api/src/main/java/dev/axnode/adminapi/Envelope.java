package dev.axnode.adminapi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.message.EventsPublished;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The JSON envelope of every API answer: {@code {"code":"OK","result":…}} or
 * {@code {"code":"ERR_…","message":…}} with the error code's HTTP status. The CLI prints
 * these as they are with {@code --json}.
 */
final class Envelope {

  private static final String JSON = "application/json";
  /** Jackson's defaults, as {@code JsonObject.encode} writes. */
  private static final JsonFactory WRITER = new JsonFactory();

  private Envelope() {
  }

  static void ok(RoutingContext ctx, Object result) {
    if (ctx.response().ended()) {
      return;
    }
    String body = new JsonObject().put("code", "OK").put("result", result).encode();
    ctx.response().putHeader("content-type", JSON).end(body);
  }

  /**
   * The answer to a publish, written straight from the message: the text
   * {@code ok(ctx, published.toJson())} gives, without building that tree first (a batch of
   * 100 events made 300 maps for one answer).
   */
  static void ok(RoutingContext ctx, EventsPublished published) {
    if (!ctx.response().ended()) {
      ctx.response().putHeader("content-type", JSON).end(okBody(published));
    }
  }

  /** The text of {@link #ok(RoutingContext, EventsPublished)}'s answer. */
  static String okBody(EventsPublished published) {
    StringWriter body = new StringWriter(64 + published.events().size() * 160);
    try (JsonGenerator json = WRITER.createGenerator(body)) {
      json.writeStartObject();
      json.writeStringField("code", "OK");
      json.writeObjectFieldStart("result");
      json.writeArrayFieldStart("data");
      for (EventsPublished.Stored e : published.events()) {
        json.writeStartObject();
        json.writeObjectFieldStart("stream");
        json.writeStringField("semantics", e.semantics());
        json.writeStringField("name", e.name());
        json.writeStringField("source", published.source());
        json.writeEndObject();
        json.writeNumberField("offset", e.offset());
        json.writeNumberField("lamport", e.lamport());
        json.writeNumberField("timestamp", e.timestamp());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON into memory failed", e);
    }
    return body.toString();
  }

  static void fail(RoutingContext ctx, Throwable failure) {
    AxException error = AxException.from(failure);
    fail(ctx, error.code().httpStatus(), error);
  }

  /** Like {@link #fail(RoutingContext, Throwable)} with another HTTP status than the code's (e.g. 429 for busy). */
  static void fail(RoutingContext ctx, int status, Throwable failure) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return; // e.g. the client went away while its body was read: no one to answer
    }
    AxException error = AxException.from(failure);
    String body = new JsonObject().put("code", error.code().wireName()).put("message", error.getMessage()).encode();
    ctx.response().setStatusCode(status).putHeader("content-type", JSON).end(body);
  }

  /**
   * Refuses a request before its body is read: the answer, then the connection closes once
   * the client has sent what it announced. The body is read and dropped, never buffered;
   * closing at once would reset the connection and the client might lose the answer.
   */
  static void refuse(RoutingContext ctx, int status, AxException refusal) {
    if (!ctx.response().ended() && ctx.request().version() != HttpVersion.HTTP_2) {
      ctx.response().putHeader("connection", "close"); // HTTP/2 has no such header: its stream just ends
    }
    fail(ctx, status, refusal);
    if (!ctx.request().isEnded()) {
      ctx.request().handler(null).resume();
    }
  }

  static void refuse(RoutingContext ctx, AxException refusal) {
    refuse(ctx, refusal.code().httpStatus(), refusal);
  }

  /** Parses a request body as any JSON value, or fails with a message a user can act on. */
  static Object parseJsonValue(String text) {
    try {
      return Json.decodeValue(text);
    } catch (RuntimeException e) {
      throw new AxException(dev.axnode.kernel.ErrorCode.INVALID_INPUT, "The request body is not valid JSON: "
          + firstLine(e.getMessage()));
    }
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "unreadable";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
