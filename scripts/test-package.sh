#!/usr/bin/env bash
# Packages the extension as a .vsix, checks what it contains, installs it into
# the test VS Code host and runs the packaged-extension suite there.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! npm run --silent package > /tmp/kusto-mi-package.log 2>&1; then
  cat /tmp/kusto-mi-package.log; echo "package: 0 passed, 1 failed"; exit 1
fi
VSIX=dist-vsix/kusto-managed-identity.vsix
LISTING=$(unzip -Z1 "$VSIX")
for required in extension/dist/extension.js extension/dist/cli.js extension/README.md extension/LICENSE.txt extension/CHANGELOG.md extension/media/icon.png; do
  grep -qix "$required" <<<"$LISTING" || { echo "package: $required missing from $VSIX"; echo "package: 0 passed, 1 failed"; exit 1; }
done
if grep -qE '^extension/(src|test|node_modules)/' <<<"$LISTING"; then
  echo "package: the .vsix contains sources, tests or node_modules"; echo "package: 0 passed, 1 failed"; exit 1
fi
node out/test/runner/runInCodeServer.js --vsix "$VSIX" --suite out/test/packaged/index.js
