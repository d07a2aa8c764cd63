#!/usr/bin/env bash
# Prints the packages of the module whose code and tests do not import Hugo,
# for `go test -race` (Hugo under -race needs cgo and is slow).
# Packages named in RACE_EXCLUDE (space-separated import paths) are left out too.
set -euo pipefail
cd "$(dirname "$0")/.."
go list -e -test -f '{{.ImportPath}}|{{.ForTest}}|{{join .Deps " "}}' ./... |
awk -F'|' -v exclude="${RACE_EXCLUDE:-}" '
	BEGIN { n = split(exclude, ex, " "); for (i = 1; i <= n; i++) skip[ex[i]] = 1 }
	{
		key = $2
		if (key == "") { key = $1; sub(/\.test$/, "", key) }
		sub(/ \[.*\]$/, "", key)
		if (!(key in seen)) { seen[key] = 1; order[++count] = key }
		if ($3 ~ /(^| )github\.com\/gohugoio\/hugo(\/| |$)/) hugo[key] = 1
	}
	END { for (i = 1; i <= count; i++) { k = order[i]; if (!(k in hugo) && !(k in skip)) print k } }
'
