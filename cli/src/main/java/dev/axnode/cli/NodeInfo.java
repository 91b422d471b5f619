package dev.axnode.cli;

import dev.axnode.kernel.ErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

  /**
   * The verticles table of {@code ax verticles ls} and {@code ax nodes inspect}. A node whose
   * verticles run in several JVMs (members) gets a MEMBER column, {@code pid@host}; a node
   * in one JVM prints as it always did.
   */
  static Table verticles(JsonArray verticles) {
    List<JsonObject> rows = new ArrayList<>();
    Set<Object> members = new HashSet<>();
    for (Object item : verticles) {
      JsonObject v = item instanceof JsonObject o ? o : new JsonObject();
      rows.add(v);
      JsonObject member = v.getValue("member") instanceof JsonObject m ? m : null;
      members.add(member == null ? null : member.getValue("id"));
    }
    boolean severalMembers = members.size() > 1;
    Table table = severalMembers
        ? new Table("NAME", "IMPLEMENTATION", "VERSION", "DEPLOYMENT-ID", "STATE", "MEMBER")
        : new Table("NAME", "IMPLEMENTATION", "VERSION", "DEPLOYMENT-ID", "STATE");
    for (JsonObject v : rows) {
      List<String> cells = new ArrayList<>(List.of(AxCommand.text(v.getValue("name")),
          AxCommand.text(v.getValue("implementation")), AxCommand.text(v.getValue("version")),
          AxCommand.text(v.getValue("deploymentId")), AxCommand.text(v.getValue("state"))));
      if (severalMembers) {
        cells.add(member(v.getValue("member")));
      }
      table.row(cells.toArray(String[]::new));
    }
    return table;
  }

  /** A member as {@code pid@host}, the JVM's own name for itself; {@code -} when unknown. */
  static String member(Object member) {
    if (!(member instanceof JsonObject m)) {
      return "-";
    }
    return AxCommand.text(m.getValue("pid")) + "@" + AxCommand.text(m.getValue("host"));
  }

  /** One verticle as labelled lines, for {@code ax verticles swap}. */
  static void printVerticle(JsonObject v, PrintWriter out) {
    out.println("Name:            " + AxCommand.text(v.getValue("name")));
    out.println("Implementation:  " + AxCommand.text(v.getValue("implementation")));
    out.println("Version:         " + AxCommand.text(v.getValue("version")));
    out.println("Deployment ID:   " + AxCommand.text(v.getValue("deploymentId")));
    out.println("State:           " + AxCommand.text(v.getValue("state")));
    out.println("Source:          " + AxCommand.text(v.getValue("source")));
    if (v.getValue("member") instanceof JsonObject) {
      out.println("Member:          " + member(v.getValue("member")));
    }
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
