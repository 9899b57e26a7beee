# Sourced by bin/evbus and bin/build: the CLI's JVM flags and the files that speed its start.
# Every consume is a fresh JVM, so start-up time is the product's latency: serial GC and C1 only
# (no C2 warm-up to pay for), no perf data file, and on JDK 25+ an AOT cache trained by bin/build.

evbus_jvm_setup() { # $1 = repository root; sets EVBUS_JAR, EVBUS_FLAGS (array), EVBUS_AOT, EVBUS_BUS_AOT
  local root="$1" runtime native
  EVBUS_JAR="$root/cli/target/evbus.jar"
  EVBUS_FLAGS=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xss512k
               --enable-native-access=ALL-UNNAMED -Xlog:cds=off)
  # The aot log tag exists from JDK 24 on; it would print cache mismatches on stderr.
  [ "$(evbus_java_major "$EVBUS_JAVA_HOME" || echo 0)" -ge 24 ] && EVBUS_FLAGS+=(-Xlog:aot=off)
  # picocli ships Java 5 class files, verified by the slow inference verifier on every start;
  # classes on the boot class path are not verified. The copy inside the jar is then unused.
  # evbus.boot.append tells the CLI to start its bus the same way.
  [ -f "$root/cli/target/lib/picocli.jar" ] && EVBUS_FLAGS+=("-Xbootclasspath/a:$root/cli/target/lib/picocli.jar"
                                                         "-Devbus.boot.append=$root/cli/target/lib/picocli.jar")
  native="$root/cli/target/native/libjunixsocket-native.so"
  # A pre-extracted native library spares junixsocket unpacking it into a temp dir on every start.
  [ -f "$native" ] && EVBUS_FLAGS+=("-Dorg.newsclub.net.unix.library.override=$native")
  runtime=$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"/\1/p' "$EVBUS_JAVA_HOME/release" 2>/dev/null | head -n 1)
  EVBUS_AOT="$root/cli/target/aot/cli-${runtime:-unknown}.aot"
  EVBUS_BUS_AOT="$root/cli/target/aot/bus-${runtime:-unknown}.aot"
}
