# Shared by bin/ax and bin/ax-node: find a JDK, build the jars when missing.
# shellcheck shell=bash

AX_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# Prints the feature version (17, 21, 25 …) of the JDK whose java binary is $1. Reads the
# JDK's `release` file (no JVM start: this runs on every ax call); falls back to asking java.
ax_java_feature() {
  local home version
  home="$(cd "$(dirname "$(readlink -f "$1")")/.." && pwd)"
  if [ -f "$home/release" ]; then
    version="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")"
  fi
  if [ -z "${version:-}" ]; then
    version="$("$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')"
  fi
  echo "${version%%.*}"
}

# Picks $JAVA_HOME/bin/java if set, else the newest JDK >= 17 found under /usr/lib/jvm,
# /opt or on the PATH. The code targets Java 17; newer JDKs run it faster (Java 25 has
# intrinsics for ChaCha20-Poly1305).
ax_find_java() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    echo "$JAVA_HOME/bin/java"
    return
  fi
  local best="" best_version=0 candidate version
  for candidate in /usr/lib/jvm/*/bin/java /opt/*/bin/java /opt/java/*/bin/java "$(command -v java 2>/dev/null)"; do
    [ -x "$candidate" ] || continue
    version="$(ax_java_feature "$candidate")"
    version="${version%%.*}"
    [[ "$version" =~ ^[0-9]+$ ]] || continue
    if [ "$version" -ge 17 ] && [ "$version" -gt "$best_version" ]; then
      best="$candidate"
      best_version="$version"
    fi
  done
  if [ -z "$best" ]; then
    echo "No Java 17 or newer found: install one or set JAVA_HOME." >&2
    exit 1
  fi
  echo "$best"
}

# Builds the node and CLI jars when $1 is missing.
ax_ensure_built() {
  if [ ! -f "$1" ]; then
    echo "Building ax-node (first run): mvn -B -q -DskipTests package" >&2
    (cd "$AX_ROOT" && mvn -B -q -DskipTests package) >&2 || exit 1
  fi
}

# JVM flags that keep a class-data-sharing archive beside jar $1 (Java 19+ creates it by
# itself; older JDKs just run without it). The JVM does not replace an archive that a
# rebuilt jar made unusable (it only warns, silenced here), so one older than the jar is
# removed first and the next run writes a fresh one.
ax_cds_flags() {
  local java="$1" jar="$2" version archive
  version="$(ax_java_feature "$java")"
  version="${version%%.*}"
  if [ "${version:-0}" -ge 19 ] && [ -w "$(dirname "$jar")" ]; then
    archive="${jar%.jar}.jsa"
    if [ -f "$archive" ] && [ "$jar" -nt "$archive" ]; then
      rm -f "$archive"
    fi
    echo "-XX:SharedArchiveFile=$archive -XX:+AutoCreateSharedArchive -Xlog:cds=off -Xlog:cds+dynamic=off"
  fi
}

# The ax client's Java 25+ AOT cache (JEP 483/514/515): classes loaded and linked, and method
# profiles, from a training run, mapped at start. A cache holds what its training run loaded,
# so there is one per kind of node address: "http" (--local HOST[:PORT]) and "secure"
# (--local /ip4/…, the Noise and yamux path). Prints the kind of command line "$@", or
# nothing for a command that talks to no node (those load too little to gain from a cache).
ax_client_kind() {
  local kind="" previous=""
  for arg in "$@"; do
    case "$previous|$arg" in
      "--local|"/* | *"|--local="/*) kind=secure ;;
      "--local|"* | *"|--local="*) [ -n "$kind" ] || kind=http ;;
    esac
    previous="$arg"
  done
  echo "$kind"
}

# Prints the path of the AOT cache of kind $3 for java $1 and jar $2: beside the jar, named
# by the exact JDK build (a cache only works with the JVM build that wrote it). Removes one
# older than the jar (the JVM would refuse it). Prints nothing if the jar's directory is
# not writable.
ax_client_aot_cache() {
  local java="$1" jar="$2" kind="$3" home build cache
  [ -w "$(dirname "$jar")" ] || return 0
  home="$(cd "$(dirname "$(readlink -f "$java")")/.." && pwd)"
  build="$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"/\1/p' "$home/release" 2>/dev/null)"
  cache="${jar%.jar}-$kind-${build:-unknown}.aot"
  if [ -f "$cache" ] && [ "$jar" -nt "$cache" ]; then
    rm -f "$cache"
  fi
  echo "$cache"
}

# Writes AOT cache $4 from the training record $3 (java $1, jar $2, JVM options $5…), in the
# background and detached, so the command that recorded it returns at once. Written to a
# temporary name and moved, so a concurrent ax never maps a half-written cache.
ax_client_aot_create() {
  local java="$1" jar="$2" record="$3" cache="$4"
  shift 4
  (
    "$java" "$@" -XX:AOTMode=create -XX:AOTConfiguration="$record" -XX:AOTCache="$cache.$$" \
      -Xlog:aot=off -Xlog:cds=off -cp "$jar" >/dev/null 2>&1 \
      && mv -f "$cache.$$" "$cache"
    rm -f "$record" "$cache.$$"
  ) </dev/null >/dev/null 2>&1 &
  disown 2>/dev/null || true
}
