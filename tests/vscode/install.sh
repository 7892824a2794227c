#!/usr/bin/env bash
# Installs what the VS Code end-to-end test (tests/vscode/extension.test.ts) runs, from this folder's
# own lockfiles, into tests/vscode/: Node 24 from the npm registry (code-server 4 needs it; the
# repository runs on Node 20.19+), then code-server and playwright-core. code-server's native
# modules need Debian's build-essential, pkg-config, libkrb5-dev, libsecret-1-dev, libx11-dev and
# libxkbfile-dev, and the test drives Debian's chromium: .ci/run installs those.
set -euo pipefail
cd "$(dirname "$0")"
(cd node && npm ci --no-audit --no-fund)
# code-server's install scripts build its native modules for the Node that runs them.
PATH="$PWD/node/node_modules/node/bin:$PATH" npm ci --no-audit --no-fund
