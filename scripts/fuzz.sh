#!/usr/bin/env bash
# Runs every Fuzz* target under internal/ for FUZZTIME (default 30s) each.
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZTIME="${FUZZTIME:-30s}"
export CGO_ENABLED="${CGO_ENABLED:-0}"
found=0
for pkg in $(go list ./internal/...); do
	list=$(go test -list '^Fuzz' "$pkg") # fails the script when the package does not build
	targets=$(grep -E '^Fuzz[A-Za-z0-9_]*$' <<<"$list" || true)
	for target in $targets; do
		found=$((found + 1))
		echo "== $pkg $target ($FUZZTIME)"
		go test -run '^$' -fuzz "^${target}\$" -fuzztime "$FUZZTIME" "$pkg"
	done
done
echo "fuzz: $found target(s) run for $FUZZTIME each"
