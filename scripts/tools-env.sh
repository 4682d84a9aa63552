#!/usr/bin/env bash
# Installs the command-line tools tests run for real: promtool (Debian's prometheus package), amtool
# (Debian's prometheus-alertmanager package) and a headless browser for the site's browser tests (Debian's
# chromium; never a browser downloaded by a test tool). Installing a Debian service package starts its daemon; a temporary
# policy-rc.d that answers 101 ("action forbidden") keeps invoke-rc.d from starting it, and it is removed again.
set -euo pipefail

as_root() {
  if [ "$(id -u)" = "0" ]; then "$@"; else sudo "$@"; fi
}

# apt_install PACKAGE: installs PACKAGE without starting any service it ships. A policy-rc.d already present is
# set aside and put back; a daemon that starts anyway (no invoke-rc.d) is stopped by its pid.
apt_install() {
  local policy=/usr/sbin/policy-rc.d saved="" rc=0 before after pid
  if [ -e "$policy" ]; then
    saved="$(mktemp)"
    as_root cp -p "$policy" "$saved"
  fi
  as_root sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy"
  before="$(pgrep -d ' ' -f "^/usr/bin/$2( |$)" || true)"
  (as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$1") >&2 || rc=$?
  if [ -n "$saved" ]; then
    as_root cp -p "$saved" "$policy" && rm -f "$saved"
  else
    as_root rm -f "$policy"
  fi
  after="$(pgrep -f "^/usr/bin/$2( |$)" || true)"
  for pid in $after; do
    case " $before " in *" $pid "*) ;; *) echo "tools: stopping the $2 daemon the install started (pid $pid)" >&2; as_root kill "$pid" || true ;; esac
  done
  return "$rc"
}

if ! command -v promtool >/dev/null 2>&1; then
  echo "tools: installing promtool (Debian package prometheus)" >&2
  apt_install prometheus prometheus
fi
if ! command -v amtool >/dev/null 2>&1; then
  echo "tools: installing amtool (Debian package prometheus-alertmanager)" >&2
  apt_install prometheus-alertmanager prometheus-alertmanager
fi
if [ ! -x /usr/bin/chromium ]; then
  echo "tools: installing chromium (Debian package chromium)" >&2
  apt_install chromium chromium
fi
promtool --version 2>&1 | head -1 >&2
amtool --version 2>&1 | head -1 >&2
/usr/bin/chromium --version 2>&1 | head -1 >&2
