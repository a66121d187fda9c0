# Helpers for .ci/run (sourced): Debian packages as root or via password-less sudo, and a kubectl that works.

# apt-get as root, or through password-less sudo (no stdin here).
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo -n "$@"
  else echo "CI: need root or password-less sudo to run: $*" >&2; return 1
  fi
}

apt_updated=0
apt_install() {
  [ "$apt_updated" = 1 ] || { as_root apt-get update -qq && apt_updated=1; } || return 1
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

# Where Debian's kubernetes-client puts kubectl.
DEBIAN_KUBECTL="${DEBIAN_KUBECTL:-/usr/bin/kubectl}"
# A kubectl that is present but does not run (a stub, another architecture, a broken package) counts as missing.
kubectl_ok() { kubectl version --client >/dev/null 2>&1; }
ensure_kubectl() {
  kubectl_ok && return 0
  local path owner=""
  path="$(command -v kubectl || true)"
  [ -n "$path" ] && owner="$(dpkg -S "$path" 2>/dev/null | head -1 | cut -d: -f1)"
  if [ -n "$owner" ]; then
    echo "CI: $path (package $owner) does not run: reinstalling $owner"
    apt_install --reinstall "$owner" && kubectl_ok && return 0
  fi
  echo "CI: installing kubernetes-client for a working kubectl"
  # It may replace a broken /usr/bin/kubectl that another package left.
  apt_install -o Dpkg::Options::=--force-overwrite kubernetes-client || return 1
  kubectl_ok && return 0
  # A broken kubectl earlier on PATH still shadows Debian's.
  if "$DEBIAN_KUBECTL" version --client >/dev/null 2>&1; then
    PATH="$(dirname "$DEBIAN_KUBECTL"):$PATH"
    export PATH
    echo "CI: using $DEBIAN_KUBECTL ahead of $path"
    return 0
  fi
  return 1
}
