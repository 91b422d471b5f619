package dev.axnode.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.List;

/**
 * {@code ax swarms listKeys}: where the client's key pairs live and their public keys, the
 * form {@code com.actyx.os/general/authorizedKeys} takes. Needs no node and creates no key:
 * without a key file it prints the same layout with no keys under the header (the first
 * use of a secure address creates one).
 */
final class SwarmsListKeysCommand extends AxCommand {

  SwarmsListKeysCommand() {
    super("listKeys", "List the public keys this client proves itself with.");
  }

  @Override
  protected JsonObject run() {
    ClientKeyFile file = new ClientKeyFile(ax().config().keysFile());
    List<ClientKeyPair> pairs = file.load();
    JsonArray keys = new JsonArray();
    pairs.forEach(pair -> keys.add(pair.publicKeyText()));
    return ok(new JsonObject().put("location", file.path().toString()).put("keys", keys));
  }

  @Override
  protected void printHuman(Object result, PrintWriter out) {
    JsonObject listing = (JsonObject) result;
    out.println("Local keystore location: " + listing.getString("location"));
    out.println();
    out.println("Available key pairs (identified by the respective public key):");
    listing.getJsonArray("keys").forEach(out::println);
  }
}
