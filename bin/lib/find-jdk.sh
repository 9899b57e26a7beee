# Sourced by bin/evbus, bin/build and bin/test: sets EVBUS_JAVA_HOME to a JDK (or JRE) of
# version 21 or newer, looking at $JAVA_HOME, the java on $PATH, then the usual install places.
# Reads each candidate's `release` file instead of starting a JVM, so it costs microseconds.

evbus_java_major() { # $1 = java home; prints the major version or nothing
  local release="$1/release" version
  [ -r "$release" ] || return 1
  version=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$release" | head -n 1)
  [ -n "$version" ] && printf '%s\n' "$version"
}

evbus_find_jdk() { # $1 = minimum major; $2 = "jdk" to require javac
  local min="$1" need="${2:-}" candidate best="" best_major=0 major java_on_path
  local -a candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  java_on_path=$(command -v java 2>/dev/null || true)
  if [ -n "$java_on_path" ]; then
    java_on_path=$(readlink -f "$java_on_path" 2>/dev/null || printf '%s' "$java_on_path")
    candidates+=("$(dirname "$(dirname "$java_on_path")")")
  fi
  for candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
                   /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$candidate" ] && candidates+=("$candidate")
  done
  for candidate in "${candidates[@]}"; do
    [ -x "$candidate/bin/java" ] || continue
    [ "$need" = jdk ] && [ ! -x "$candidate/bin/javac" ] && continue
    major=$(evbus_java_major "$candidate") || continue
    [ -n "$major" ] && [ "$major" -ge "$min" ] || continue
    # JAVA_HOME wins when it qualifies; otherwise the newest found.
    if [ -n "${JAVA_HOME:-}" ] && [ "$candidate" = "$JAVA_HOME" ]; then best="$candidate"; break; fi
    if [ "$major" -gt "$best_major" ]; then best="$candidate"; best_major="$major"; fi
  done
  if [ -z "$best" ]; then
    echo "evbus: no Java $min or newer found (looked at \$JAVA_HOME, java on \$PATH, /usr/lib/jvm, /opt, ~/.sdkman); install a JDK $min+ or set JAVA_HOME" >&2
    return 2
  fi
  EVBUS_JAVA_HOME="$best"
}
