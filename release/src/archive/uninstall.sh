#!/bin/sh
# Removes what install.sh installed: the browsers' host manifests and the runtime in your data folder; --purge removes
# the models too. Other native messaging hosts are left alone. Runs this archive's askpage with its own Java runtime
# (linux-x64) or the java on PATH (portable).
set -eu
HERE=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
JAVA="$HERE/runtime/bin/java"
if [ ! -x "$JAVA" ]; then
  command -v java >/dev/null 2>&1 || { echo "uninstall.sh: Java 17 or newer is needed (java not on PATH)" >&2; exit 1; }
  JAVA=java
fi
exec "$JAVA" -jar "$HERE/app/askpage.jar" uninstall "$@"
