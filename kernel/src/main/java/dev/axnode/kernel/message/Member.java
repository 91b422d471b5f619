package dev.axnode.kernel.message;

import io.vertx.core.json.JsonObject;

/**
 * One JVM of the node: the member a verticle runs on. A node that runs alone is one member
 * with the id {@link #LOCAL}; a clustered node has one member per JVM, named by its cluster
 * node id.
 *
 * @param id      the cluster manager's node id of the member, or {@link #LOCAL} without a cluster
 * @param host    the member machine's host name
 * @param address the address its clustered event bus listens on, or null without a cluster
 * @param pid     the member JVM's process id
 */
public record Member(String id, String host, String address, long pid) {

  /** The id of the only member of a node that runs without a cluster. */
  public static final String LOCAL = "local";

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("host", host).put("address", address).put("pid", pid);
  }

  /** The member of a JSON form, or null for null (a verticle listed by a kernel that predates members). */
  public static Member fromJson(JsonObject json) {
    if (json == null) {
      return null;
    }
    return new Member(json.getString("id"), json.getString("host"), json.getString("address"),
        json.getLong("pid", -1L));
  }
}
