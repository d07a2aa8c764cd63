#!/usr/bin/env bash
# bench/lighthouse.sh — Lighthouse (mobile preset, simulated throttling)
# on the home page, a province page and a commune page of the default site,
# with Debian's Chromium, served on 127.0.0.1 by bench/sitesrv (gzip, as a
# static host would). Prints, per page, the median of RUNS runs: the
# performance score, Largest Contentful Paint, Cumulative Layout Shift,
# Total Blocking Time and the bytes transferred.
#
#   make lighthouse            # installs bench/lighthouse/node_modules, then runs this
#   RUNS=5 bench/lighthouse.sh
#
# Works with no network: the site loads nothing from elsewhere, and
# Lighthouse runs from node_modules. Not part of `make test`.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${RUNS:-3}
PORT=${PORT:-8123}
WORK=${WORK:-/tmp/pcmt-lighthouse}
CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
LH="$REPO/bench/lighthouse/node_modules/.bin/lighthouse"
PAGES=${PAGES:-"/ /don-vi/08-tuyen-quang-truoc-2025/ /don-vi/07840-thang-truoc-2025/"}
export CGO_ENABLED=0 CHROME_PATH
[ -x "$LH" ] || { echo "bench: Lighthouse is missing: run make lighthouse (npm ci in bench/lighthouse)" >&2; exit 1; }
[ -x "$CHROME_PATH" ] || { echo "bench: $CHROME_PATH is missing (make deps-chromium)" >&2; exit 1; }
mkdir -p "$WORK"
cd "$REPO"
go build -o "$WORK/pcmt" ./cmd/pcmt
go build -o "$WORK/sitesrv" ./bench/sitesrv
"$WORK/pcmt" build --source "$REPO" --destination "$WORK/site" 2>/dev/null
"$WORK/sitesrv" --dir "$WORK/site" --port "$PORT" 2>"$WORK/sitesrv.log" &
srv=$!
trap 'kill $srv 2>/dev/null' EXIT
for _ in $(seq 50); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.1; done

printf '%-42s %6s %8s %7s %7s %9s\n' page score LCP_s CLS TBT_ms KB_sent
for page in $PAGES; do
  : >"$WORK/runs.txt"
  for i in $(seq "$RUNS"); do
    out="$WORK/lh-$(echo "$page" | tr '/' '_')-$i.json"
    "$LH" "http://127.0.0.1:$PORT$page" --quiet --only-categories=performance \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu" \
      --output=json --output-path="$out" >/dev/null 2>>"$WORK/lighthouse.log"
    node -e '
      const r = require(process.argv[1]); const a = r.audits;
      console.log([Math.round(r.categories.performance.score * 100),
        (a["largest-contentful-paint"].numericValue / 1000).toFixed(2),
        a["cumulative-layout-shift"].numericValue.toFixed(3),
        Math.round(a["total-blocking-time"].numericValue),
        Math.round(a["total-byte-weight"].numericValue / 1024)].join(" "));' "$out" >>"$WORK/runs.txt"
  done
  # the run with the median score
  sort -n -k1,1 "$WORK/runs.txt" | awk -v p="$page" '{l[NR]=$0} END{split(l[int((NR+1)/2)],f," "); printf "%-42s %6s %8s %7s %7s %9s\n", p, f[1], f[2], f[3], f[4], f[5]}'
done
echo "(median of $RUNS runs, Lighthouse $("$LH" --version), mobile preset, $(date -I); reports in $WORK)"
