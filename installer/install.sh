#!/bin/sh
# Per-user install of askpage on Linux and macOS. No root; writes only to your own folders.
# Thin: builds if needed, then hands over to `askpage install` (Java). Extra arguments go to it, e.g.
#   installer/install.sh --browsers chrome,firefox
#   installer/install.sh --model-dir ~/Downloads/mobilebert
set -eu
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
JAR="$ROOT/host/target/askpage.jar"
IMAGE="$ROOT/installer/runtime/target/maven-jlink/default"

command -v java >/dev/null 2>&1 || { echo "install.sh: Java 17 or newer is needed (java not on PATH)" >&2; exit 1; }

stale=no
if [ ! -f "$JAR" ] || [ ! -d "$IMAGE" ]; then
  stale=yes
elif [ -n "$(find "$ROOT/host/src/main" "$ROOT/installer/src/main" "$ROOT/models/src/main" "$ROOT/pom.xml" \
      "$ROOT/host/pom.xml" "$ROOT/installer/pom.xml" "$ROOT/models/pom.xml" -newer "$JAR" -print 2>/dev/null | head -n 1)" ]; then
  stale=yes
fi
if [ "$stale" = yes ]; then
  command -v mvn >/dev/null 2>&1 || { echo "install.sh: $JAR is missing or old and Maven (mvn) is not on PATH" >&2; exit 1; }
  echo "Building askpage (mvn package)..."
  (cd "$ROOT" && mvn -q -B package -DskipTests)
fi

java -jar "$JAR" install --app-dir "$ROOT/host/target" --image "$IMAGE" "$@"

echo
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 && [ -f "$ROOT/extension/package.json" ]; then
  echo "Building the extension (npm --prefix extension run build)..."
  npm --prefix "$ROOT/extension" run build >/dev/null || echo "  extension build failed: run it yourself to see why"
else
  echo "Node.js is not installed: install it, then run  npm --prefix \"$ROOT/extension\" run build"
fi

echo
java -jar "$JAR" doctor || echo "doctor found problems: see the fix column above"

cat <<TEXT

Load the extension:
  Chrome, Chromium, Edge, Brave, Vivaldi: open chrome://extensions (edge://extensions, brave://extensions,
    vivaldi:extensions), turn on Developer mode, "Load unpacked", choose
      $ROOT/extension/dist/chrome
    (or drag in the .zip from $ROOT/extension/dist/)
  Firefox: open about:debugging#/runtime/this-firefox, "Load Temporary Add-on", choose
      $ROOT/extension/dist/firefox/manifest.json
    (or install the signed .xpi from $ROOT/extension/dist/)
Later: java -jar "$JAR" model install | doctor | uninstall [--purge]
  (or bin/askpage in the installed runtime folder printed above)
TEXT
