#!/usr/bin/env bash
# Packages the extension as a .vsix, checks what it contains, installs it into
# the test VS Code host and runs the packaged-extension suite there.
set -euo pipefail
cd "$(dirname "$0")/.."
LOG=$(mktemp "${TMPDIR:-/tmp}/kusto-mi-package.XXXXXX")
trap 'rm -f "$LOG"' EXIT
if ! npm run --silent package > "$LOG" 2>&1; then
  cat "$LOG"; echo "package: 0 passed, 1 failed"; exit 1
fi
VSIX=dist-vsix/kusto-managed-identity.vsix
# The .vsix is a zip: list it with yauzl (a dependency of vsce), not unzip,
# which a fresh machine may not have.
LISTING=$(node -e '
  require("yauzl").open(process.argv[1], { lazyEntries: true }, (err, zip) => {
    if (err) throw err;
    zip.on("entry", (e) => { console.log(e.fileName); zip.readEntry(); });
    zip.readEntry();
  });' "$VSIX")
for required in extension/dist/extension.js extension/README.md extension/LICENSE.txt extension/CHANGELOG.md extension/media/icon.png; do
  grep -qix "$required" <<<"$LISTING" || { echo "package: $required missing from $VSIX"; echo "package: 0 passed, 1 failed"; exit 1; }
done
if grep -qE '^extension/(src|test|node_modules)/' <<<"$LISTING"; then
  echo "package: the .vsix contains sources, tests or node_modules"; echo "package: 0 passed, 1 failed"; exit 1
fi
if grep -qE '\.map$' <<<"$LISTING"; then
  echo "package: the .vsix contains source maps"; echo "package: 0 passed, 1 failed"; exit 1
fi
node out/test/runner/runInCodeServer.js --vsix "$VSIX" --suite out/test/packaged/index.js
