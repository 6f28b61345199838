#!/usr/bin/env bash
# The extension tests open VS Code's workbench in a headless Chromium. Where it
# is missing, install Debian's package when we can (root with apt-get, as CI
# does), otherwise stop at once with the command to run: never a stack trace
# minutes into the run.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] && [ -f "$CHROMIUM" ] && exit 0
if [ -n "${CHROMIUM_PATH:-}" ]; then
  echo "CHROMIUM_PATH is $CHROMIUM_PATH, which is not an executable file." >&2
  exit 1
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Chromium is missing: installing Debian's chromium package (about 100 MB, once)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium >/dev/null
  [ -x "$CHROMIUM" ] && exit 0
  echo "apt-get installed chromium, but $CHROMIUM is still missing." >&2
  exit 1
fi
cat >&2 <<MSG
The tests inside VS Code need Chromium at $CHROMIUM, which is missing. Install it with:

  sudo apt-get install -y chromium

or set CHROMIUM_PATH to a Chromium or Chrome executable, then run npm test again.
MSG
exit 1
