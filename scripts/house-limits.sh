#!/usr/bin/env bash
# Counts methods over 40 lines and files over 400 lines in functions/*/src/main (STYLE.md rule 12)
# with the JDK's own parser; -v lists them, longest first. Run from anywhere in the checkout.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jdk.sh
exec java scripts/HouseLimits.java "$@"
