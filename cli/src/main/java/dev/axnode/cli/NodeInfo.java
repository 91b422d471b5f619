package dev.axnode.cli;

import dev.axnode.kernel.ErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;

/** How the CLI prints what the node says about itself and its verticles. */
final class NodeInfo {

  private NodeInfo() {
  }

  /** {@code 3d 4h 5m 6s}, leading zero units left out; {@code -} when unknown. */
  static String uptime(Object millis) {
    if (!(millis instanceof Number number) || number.longValue() < 0) {
      return "-";
    }
    long seconds = number.longValue() / 1000;
    long days = seconds / 86_400;
    long hours = seconds / 3600 % 24;
    long minutes = seconds / 60 % 60;
    StringBuilder text = new StringBuilder();
    if (days > 0) {
      text.append(days).append("d ");
    }
    if (days > 0 || hours > 0) {
      text.append(hours).append("h ");
    }
    if (days > 0 || hours > 0 || minutes > 0) {
      text.append(minutes).append("m ");
    }
    return text.append(seconds % 60).append('s').toString();
  }

  /** {@code host:port}, an IPv6 host in brackets. */
  static String hostPort(JsonObject address) {
    String host = AxCommand.text(address.getValue("host"));
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + AxCommand.text(address.getValue("port"));
  }

  /** The verticles table of {@code ax verticles ls} and {@code ax nodes inspect}. */
  static Table verticles(JsonArray verticles) {
    Table table = new Table("NAME", "IMPLEMENTATION", "VERSION", "DEPLOYMENT-ID", "STATE");
    for (Object item : verticles) {
      JsonObject v = item instanceof JsonObject o ? o : new JsonObject();
      table.row(AxCommand.text(v.getValue("name")), AxCommand.text(v.getValue("implementation")),
          AxCommand.text(v.getValue("version")), AxCommand.text(v.getValue("deploymentId")),
          AxCommand.text(v.getValue("state")));
    }
    return table;
  }

  /** One verticle as labelled lines, for {@code ax verticles swap}. */
  static void printVerticle(JsonObject v, PrintWriter out) {
    out.println("Name:            " + AxCommand.text(v.getValue("name")));
    out.println("Implementation:  " + AxCommand.text(v.getValue("implementation")));
    out.println("Version:         " + AxCommand.text(v.getValue("version")));
    out.println("Deployment ID:   " + AxCommand.text(v.getValue("deploymentId")));
    out.println("State:           " + AxCommand.text(v.getValue("state")));
    out.println("Source:          " + AxCommand.text(v.getValue("source")));
  }

  static JsonObject object(Object result) {
    if (result instanceof JsonObject object) {
      return object;
    }
    throw new CommandException(ErrorCode.INTERNAL_ERROR, "The node answered with " + result + " where an object was expected");
  }

  static JsonArray array(Object result) {
    if (result instanceof JsonArray array) {
      return array;
    }
    throw new CommandException(ErrorCode.INTERNAL_ERROR, "The node answered with " + result + " where a list was expected");
  }
}
