#!/usr/bin/env bash
# Installs the command-line tools tests run for real: promtool (Debian's prometheus package).
set -euo pipefail
if ! command -v promtool >/dev/null 2>&1; then
  echo "tools: installing promtool (Debian package prometheus)" >&2
  if [ "$(id -u)" = "0" ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus) >&2
  else
    (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus) >&2
  fi
fi
promtool --version 2>&1 | head -1 >&2
