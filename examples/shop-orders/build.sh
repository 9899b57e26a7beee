#!/usr/bin/env bash
# Builds shop-orders.jar against the evbus jar; install it by copying it to $EVBUS_HOME/plugins/.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$root/bin/lib/find-jdk.sh"
evbus_find_jdk 21 jdk || exit 2
[ -f "$root/cli/target/evbus.jar" ] || "$root/bin/build"
out=$(mktemp -d)
"$EVBUS_JAVA_HOME/bin/javac" --release 21 -cp "$root/cli/target/evbus.jar" -d "$out" $(find "$here/src" -name '*.java')
cp -r "$here/META-INF" "$out/"
"$EVBUS_JAVA_HOME/bin/jar" --create --file "$here/shop-orders.jar" -C "$out" .
rm -rf "$out"
echo "$here/shop-orders.jar"
