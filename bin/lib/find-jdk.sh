# Sourced by bin/evbus, bin/build, bin/test and bench/run: finds a JDK (or JRE) of version 21 or
# newer, looking at $JAVA_HOME, the java on $PATH, then the usual install places. It reads each
# candidate's `release` file with shell builtins instead of starting a JVM or other programs:
# every `evbus consume` goes through here, so it must cost next to nothing.

# Sets EVBUS_MAJOR to the feature version of the Java home $1; fails when it has no release file.
evbus_java_major() {
  local line version=""
  EVBUS_MAJOR=""
  [ -r "$1/release" ] || return 1
  while IFS= read -r line; do
    case "$line" in
      JAVA_VERSION=*) version=${line#JAVA_VERSION=\"}; version=${version%%[.\"+-]*}; break ;;
    esac
  done < "$1/release"
  case "$version" in ''|*[!0-9]*) return 1 ;; esac
  EVBUS_MAJOR=$version
}

# Whether the Java home $1 is of version $2 or newer (with javac when $3 = "jdk"); sets EVBUS_MAJOR.
evbus_qualifies() {
  [ -x "$1/bin/java" ] || return 1
  [ "${3:-}" = jdk ] && [ ! -x "$1/bin/javac" ] && return 1
  evbus_java_major "$1" || return 1
  [ "$EVBUS_MAJOR" -ge "$2" ]
}

# Sets EVBUS_JAVA_HOME to the best Java home of at least version $1 ($2 = "jdk" to require javac).
evbus_find_jdk() {
  local min="$1" need="${2:-}" candidate best="" best_major=0 java_on_path dir
  local -a candidates=()
  # JAVA_HOME wins when it qualifies: then nothing else is looked at (no subshell, no readlink).
  if [ -n "${JAVA_HOME:-}" ] && evbus_qualifies "$JAVA_HOME" "$min" "$need"; then
    EVBUS_JAVA_HOME="$JAVA_HOME"
    return 0
  fi
  java_on_path=$(type -P java 2>/dev/null || true)
  if [ -n "$java_on_path" ]; then
    [ -L "$java_on_path" ] && java_on_path=$(readlink -f "$java_on_path" 2>/dev/null || printf '%s' "$java_on_path")
    dir=${java_on_path%/bin/java}
    candidates+=("$dir")
  fi
  for candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
                   /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$candidate" ] && candidates+=("$candidate")
  done
  for candidate in ${candidates[@]+"${candidates[@]}"}; do
    evbus_qualifies "$candidate" "$min" "$need" || continue
    # otherwise the newest found
    if [ "$EVBUS_MAJOR" -gt "$best_major" ]; then best="$candidate"; best_major=$EVBUS_MAJOR; fi
  done
  if [ -z "$best" ]; then
    echo "evbus: no Java $min or newer found (looked at \$JAVA_HOME, java on \$PATH, /usr/lib/jvm, /opt, ~/.sdkman); install a JDK $min+ or set JAVA_HOME" >&2
    return 2
  fi
  EVBUS_JAVA_HOME="$best"
  EVBUS_MAJOR=$best_major
}
