#!/usr/bin/env bash
# Builds the docs and ops site: VitePress over docs/ into site/dist. Installs the node modules from the committed
# package-lock.json (npm ci) when they are missing. Prints the page count, build time and bundle size.
#   --if-stale   build only when site/dist is missing or older than docs/ or site/ sources
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
site="$root/site"
if [ "${1:-}" = "--if-stale" ] && [ -f "$site/dist/index.html" ] && [ -z "$(find "$root/docs" "$site/.vitepress" \
    "$site/package-lock.json" "$root/functions/api/target/classes/META-INF/openapi/quants-infra.yml" -newer "$site/dist/index.html" -type f -not -path '*/cache/*' -print -quit 2>/dev/null)" ]; then
  exit 0
fi
command -v npm >/dev/null || { echo "site: npm is missing (Node.js 20 or later is needed to build the site)" >&2; exit 4; }
cd "$site"
if [ ! -d node_modules/vitepress ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "site: installing node modules (npm ci)" >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
fi
start=$(date +%s%N)
npx --no-install vitepress build >"$site/node_modules/.site-build.log" 2>&1 || { cat "$site/node_modules/.site-build.log" >&2; exit 1; }
ms=$(( ($(date +%s%N) - start) / 1000000 ))
pages=$(find dist -name '*.html' | wc -l)
bytes=$(du -sb dist | cut -f1)
js=$(find dist -name '*.js' -printf '%s\n' | awk '{s+=$1} END {print s+0}')
awk -v p="$pages" -v ms="$ms" -v b="$bytes" -v j="$js" 'BEGIN { printf "site: %d pages built into site/dist in %.1f s; %.1f MiB in all, %.1f MiB of JavaScript\n", p, ms / 1000, b / 1048576, j / 1048576 }'
