#!/usr/bin/env bash
# Bundle the ECharts parts the site uses (scripts/echarts-entry.js) into
# node_modules/.pcmt/echarts.min.js with esbuild (pinned in package.json).
# Run by `make deps`; internal/sitegen appends static/js/charts.js to it and
# serves the result as /js/charts.<content hash>.js.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p node_modules/.pcmt
node_modules/.bin/esbuild scripts/echarts-entry.js --bundle --minify --format=iife --target=es2017 \
  --legal-comments=none --log-level=warning --outfile=node_modules/.pcmt/echarts.min.js
