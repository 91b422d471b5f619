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
