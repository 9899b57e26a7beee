# Sourced by bin/evbus and bin/build: the CLI's JVM flags and the files that speed its start.
# Every consume is a fresh JVM, so start-up time is the product's latency: serial GC and C1 only
# (no C2 warm-up to pay for), no perf data file, and on JDK 25+ an AOT cache trained by bin/build.

# Needs EVBUS_JAVA_HOME and EVBUS_MAJOR from evbus_find_jdk; $1 = repository root.
# Sets EVBUS_JAR, EVBUS_FLAGS (array), and EVBUS_AOT.
evbus_jvm_setup() {
  local root="$1" line runtime=unknown
  EVBUS_JAR="$root/cli/target/evbus.jar"
  EVBUS_FLAGS=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xss512k
               --enable-native-access=ALL-UNNAMED -Xlog:cds=off)
  # The aot log tag exists from JDK 24 on; it would print cache mismatches on stderr.
  if [ "$EVBUS_MAJOR" -ge 24 ]; then EVBUS_FLAGS+=(-Xlog:aot=off); fi
  # picocli ships Java 5 class files, verified by the slow inference verifier on every start;
  # classes on the boot class path are not verified. The copy inside the jar is then unused.
  # evbus.boot.append tells the CLI to start its bus the same way.
  if [ -f "$root/cli/target/lib/picocli.jar" ]; then
    EVBUS_FLAGS+=("-Xbootclasspath/a:$root/cli/target/lib/picocli.jar" "-Devbus.boot.append=$root/cli/target/lib/picocli.jar")
  fi
  if [ -r "$EVBUS_JAVA_HOME/release" ]; then
    while IFS= read -r line; do
      case "$line" in JAVA_RUNTIME_VERSION=*) runtime=${line#JAVA_RUNTIME_VERSION=\"}; runtime=${runtime%\"}; break ;; esac
    done < "$EVBUS_JAVA_HOME/release"
  fi
  EVBUS_AOT="$root/cli/target/aot/cli-$runtime.aot"
}
