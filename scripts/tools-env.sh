#!/usr/bin/env bash
# Installs the command-line tools tests run for real: promtool (Debian's prometheus package) and a headless
# browser for the site's browser tests (Debian's chromium; never a browser downloaded by a test tool).
set -euo pipefail
apt_install() {
  if [ "$(id -u)" = "0" ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@") >&2
  else
    (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@") >&2
  fi
}
missing=()
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  echo "tools: installing ${missing[*]} (Debian packages)" >&2
  apt_install "${missing[@]}"
fi
promtool --version 2>&1 | head -1 >&2
/usr/bin/chromium --version 2>&1 | head -1 >&2
