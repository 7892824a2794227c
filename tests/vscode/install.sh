#!/usr/bin/env bash
# Installs what the VS Code end-to-end test (tests/vscode/extension.test.ts) drives: Debian's
# chromium and the build tools of code-server's native modules (when missing), Node 24 from the npm
# registry (code-server 4 needs it; the repository runs on Node 20.19+), then code-server and
# playwright-core from this folder's own lockfile. Everything lands in tests/vscode/ (node_modules).
set -euo pipefail
cd "$(dirname "$0")"
missing=()
command -v chromium >/dev/null || missing+=(chromium)
for package in build-essential pkg-config libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi
(cd node && npm ci --no-audit --no-fund)
# code-server's install scripts build its native modules for the Node that runs them.
PATH="$PWD/node/node_modules/node/bin:$PATH" npm ci --no-audit --no-fund
