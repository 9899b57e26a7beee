# Sourced by bin/evbus and bin/build: the CLI's JVM flags and the files that speed its start.
# Every consume is a fresh JVM, so start-up time is the product's latency: serial GC and C1 only
# (no C2 warm-up to pay for), no perf data file, and on JDK 25+ an AOT cache trained by bin/build.
# C1 for every role, streaming ones too: the full JIT gained `publish --stdin` and `consume raw`
# nothing measurable and costs start-up CPU and memory (README, "Speed and size": CLI to CLI).

# Needs EVBUS_JAVA_HOME and EVBUS_MAJOR from evbus_find_jdk; $1 = repository root.
# Sets EVBUS_JAR, EVBUS_FLAGS (array), and EVBUS_AOT_DIR / EVBUS_RUNTIME, which name the AOT caches
# (see evbus_aot_cache).
evbus_jvm_setup() {
  local root="$1" line runtime=unknown
  EVBUS_JAR="$root/cli/target/evbus.jar"
  EVBUS_FLAGS=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xss512k -Xlog:cds=off
               # Map the class-data archive (the AOT cache, or the JDK's CDS archive) at the address it
               # was written for instead of a random one: relocated, every page holding a pointer is
               # written to and becomes private memory; mapped as written, the pages stay clean and
               # every evbus process on the machine shares them (idle `consume raw`: 10 MB of its
               # private memory become shared). The cost is that archive's address is not randomised.
               -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0)
  # The JDK finds its selector provider by a service-loader scan of the module image and the class
  # path, about 10 ms of every command that opens a socket (JDK 25); on Linux it is always the epoll
  # provider, so it is named. BusLaunch hands the same setting to the bus it starts.
  case "${OSTYPE:-}" in
    linux*) EVBUS_FLAGS+=(-Djava.nio.channels.spi.SelectorProvider=sun.nio.ch.EPollSelectorProvider) ;;
  esac
  # The aot log tag exists from JDK 24 on; it would print cache mismatches on stderr.
  if [ "$EVBUS_MAJOR" -ge 24 ]; then EVBUS_FLAGS+=(-Xlog:aot=off); fi
  if [ -r "$EVBUS_JAVA_HOME/release" ]; then
    while IFS= read -r line; do
      case "$line" in JAVA_RUNTIME_VERSION=*) runtime=${line#JAVA_RUNTIME_VERSION=\"}; runtime=${runtime%\"}; break ;; esac
    done < "$EVBUS_JAVA_HOME/release"
  fi
  EVBUS_AOT_DIR="$root/cli/target/aot"
  EVBUS_RUNTIME=$runtime
}

# Sets EVBUS_AOT to the AOT cache of a role: `consume-raw`, `consume` (of any other key),
# `publish`, `list`, `version` (`--version` alone), or `cli` for every other command. Each role has its own cache because the JVM loads and links every class of a linked
# cache at start: a `status` would otherwise pay for the pipeline classes only a consumer uses. A
# cache is tied to the runtime that trained it (and bin/evbus checks that it is newer than the jar).
#
# Also sets EVBUS_ROLE_FLAGS, the flags of that role alone. Every role but `consume` (of a key
# file or a plugin's key) calls reflection through the JVM's native accessors instead of method
# handles it would first spin: the JDK's own start-up makes such calls (an enum's values() for
# every EnumMap and EnumSet, the security provider behind the Unix socket), and these roles run no
# plugin, so nothing calls reflection often enough for JNI to cost more (decision 0004).
evbus_aot_cache() {
  EVBUS_AOT="$EVBUS_AOT_DIR/$1-$EVBUS_RUNTIME.aot"
  case "$1" in
    consume|bus) EVBUS_ROLE_FLAGS=() ;;
    *) EVBUS_ROLE_FLAGS=(-Djdk.reflect.useNativeAccessorOnly=true) ;;
  esac
}

# Sets EVBUS_COMMAND to the command word of an evbus command line: the first argument that is
# neither a global option nor --app's value (empty when there is none). Shell builtins only: every
# consume goes through here.
evbus_command_word() {
  EVBUS_COMMAND=""
  while [ $# -gt 0 ]; do
    case "$1" in --app) shift; [ $# -gt 0 ] && shift ;; -*) shift ;; *) EVBUS_COMMAND=$1; return ;; esac
  done
}
