#!/bin/sh
# The whole test suite, from a fresh Debian or Ubuntu machine: installs with apt-get what the tests need and the
# machine lacks (a JDK, Maven, Node.js, Chromium, Firefox ESR; through sudo when not root), the npm packages of the
# extension and of the benchmark's onnxruntime-web baseline, then runs `mvn -B verify`. Extra arguments go to Maven.
# CI runs exactly this (.ci/run). On other systems install those five yourself, then run this script.
set -eu
cd "$(dirname -- "$0")"

# command:package pairs; a browser the tests are pointed at (ASKPAGE_CHROMIUM, ASKPAGE_FIREFOX) is not installed.
wanted="java:default-jdk-headless mvn:maven node:nodejs npm:npm"
[ -n "${ASKPAGE_CHROMIUM:-}" ] || wanted="$wanted chromium:chromium"
[ -n "${ASKPAGE_FIREFOX:-}" ] || wanted="$wanted firefox-esr:firefox-esr"
missing=""
for pair in $wanted; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || missing="$missing ${pair#*:}"
done
if [ -n "$missing" ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: install$missing (no apt-get here to do it), then run me again" >&2
    exit 1
  fi
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing$missing with apt-get..."
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null || {
    echo "test.sh: apt-get could not install$missing; install them another way (Ubuntu has no firefox-esr package:" \
      "take Mozilla's ESR build and set ASKPAGE_FIREFOX to its firefox), then run me again" >&2
    exit 1
  }
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "test.sh: Node.js 20 or newer is needed (this is $(node --version)): install it from https://nodejs.org" >&2
  exit 1
fi

npm ci --no-audit --no-fund --prefix extension
npm ci --no-audit --no-fund --prefix host/src/bench/ortweb

exec mvn -B verify -Prelease "$@"
