#!/bin/sh
# Per-user install of askpage on Linux and macOS. No root; writes only to your own folders; safe to run again.
# Thin: builds if needed (mvn package), then hands over to `askpage install` (Java), builds the extension when Node.js
# is there, and ends with `askpage doctor`. Extra arguments go to `askpage install`, e.g.
#   installer/install.sh --browsers chrome,firefox
#   installer/install.sh --model-dir ~/Downloads/mobilebert
set -eu
# Java decodes file names with the locale's charset: under C/POSIX a non-ASCII HOME is unusable (InvalidPathException).
case "${LC_ALL:-${LC_CTYPE:-${LANG:-}}}" in
  *[Uu][Tt][Ff]-8*|*[Uu][Tt][Ff]8*) ;;
  *) if [ "$(uname -s)" != Darwin ]; then LC_ALL=C.UTF-8; export LC_ALL; fi ;;
esac
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
JAR="$ROOT/host/target/askpage.jar"
IMAGE="$ROOT/installer/runtime/target/maven-jlink/default"
APP="$ROOT/host/target"
DIST="$ROOT/extension/dist"

# From a release archive (release/pom.xml): this script sits beside app/ and the built extension, and nothing is
# built. The linux-x64 archive brings its Java runtime (runtime/); the portable one has jlink make it from your JDK.
HERE=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
if [ -f "$HERE/app/askpage.jar" ]; then
  ROOT="$HERE" APP="$HERE/app" JAR="$HERE/app/askpage.jar" DIST="$HERE/extension" IMAGE="$HERE/runtime"
  if [ ! -x "$IMAGE/bin/java" ]; then
    command -v jlink >/dev/null 2>&1 || { echo "install.sh: a JDK 17 or newer is needed (jlink not on PATH)" >&2; exit 1; }
    IMAGE="$(mktemp -d)/runtime"
    trap 'rm -rf "$(dirname "$IMAGE")"' EXIT
    echo "Making the Java runtime with jlink ($(cat "$HERE/app/runtime-modules"))..."
    jlink --add-modules "$(cat "$HERE/app/runtime-modules")" --strip-debug --no-header-files --no-man-pages \
      --output "$IMAGE"
  fi
  PATH="$IMAGE/bin:$PATH"
fi

command -v java >/dev/null 2>&1 || { echo "install.sh: Java 17 or newer is needed (java not on PATH)" >&2; exit 1; }

stale=no
if [ ! -f "$JAR" ] || [ ! -d "$IMAGE" ]; then
  stale=yes
elif [ -n "$(find "$ROOT/host/src/main" "$ROOT/installer/src/main" "$ROOT/models/src/main" "$ROOT/pom.xml" \
      "$ROOT/host/pom.xml" "$ROOT/installer/pom.xml" "$ROOT/installer/runtime/pom.xml" "$ROOT/models/pom.xml" \
      -newer "$JAR" -print 2>/dev/null | head -n 1)" ]; then
  stale=yes
fi
if [ "$stale" = yes ]; then
  command -v mvn >/dev/null 2>&1 || { echo "install.sh: $JAR is missing or old and Maven (mvn) is not on PATH" >&2; exit 1; }
  echo "Building askpage (mvn -q -B package -DskipTests; the first build downloads Maven plugins)..."
  (cd "$ROOT" && mvn -q -B -Dstyle.color=never package -DskipTests)
fi

echo
java -jar "$JAR" install --app-dir "$APP" --image "$IMAGE" "$@"

echo
EXT="$ROOT/extension"
if [ "$DIST" = "$HERE/extension" ]; then
  echo "extension $DIST (built)"
elif command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 && [ -f "$EXT/package.json" ]; then
  echo "Building the extension (npm --prefix extension ci && npm --prefix extension run build)..."
  if { [ -d "$EXT/node_modules" ] || npm --prefix "$EXT" ci --no-audit --no-fund --no-update-notifier >/dev/null; } \
      && npm --prefix "$EXT" run build --no-update-notifier >/dev/null; then
    echo "extension $EXT/dist"
  else
    echo "extension build failed: run  npm --prefix \"$EXT\" ci && npm --prefix \"$EXT\" run build  to see why"
  fi
else
  echo "Node.js is not installed: install it (20 or newer, extension/package.json), then run"
  echo "  npm --prefix \"$EXT\" ci && npm --prefix \"$EXT\" run build"
fi

echo
status=0
java -jar "$JAR" doctor || status=$?
if [ "$status" -ne 0 ]; then
  echo "doctor found problems: see the fix column above (✗ rows)"
fi

case "$(uname -s)" in
  Darwin) DATA="$HOME/Library/Application Support/askpage" ;;
  *) DATA="${XDG_DATA_HOME:-$HOME/.local/share}/askpage" ;;
esac
case "${ASKPAGE_DATA_DIR:-}" in /*) DATA="$ASKPAGE_DATA_DIR" ;; esac
cat <<TEXT

The extension packages (built by npm run build):
  $DIST/chrome                 unpacked, for Chrome, Chromium, Edge, Brave, Vivaldi
  $DIST/askpage-chrome.zip     the same, zipped
  $DIST/askpage-firefox.xpi    for Firefox ($DIST/firefox unpacked)
Load it:
  Chromium browsers: chrome://extensions (edge://extensions, brave://extensions, vivaldi:extensions), turn on
    Developer mode, "Load unpacked", choose $DIST/chrome
  Firefox: about:debugging#/runtime/this-firefox, "Load Temporary Add-on", choose $DIST/askpage-firefox.xpi
Later, with the installed command $DATA/runtime/bin/askpage :
  askpage model install     download the model (or --model-dir DIR)
  askpage doctor            check every browser's registration
  askpage uninstall         remove what was installed (--purge: the models too)
TEXT
exit "$status"
