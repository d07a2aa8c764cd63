#!/usr/bin/env bash
# bench/national.sh — pcmt against plain Hugo on the synthetic national dataset.
#
# Writes the dataset with `pcmt synth` (outside the repository), then, RUNS
# times each, alternating: `pcmt build` (load + check + derive + sitegen + Hugo in-process
# + publish) and a plain `hugo` binary of the same version (go.mod) over the
# staging site pcmt writes (the same layouts and pages as Markdown files with
# JSON front matter). Prints the median wall time, pages, pages/s, peak RSS,
# output size, and the ratio pcmt/Hugo. Plain hugo runs with the cache limit
# pcmt gives its in-process Hugo (HUGO_MEMORYLIMIT=1, GB): faster and lighter
# than hugo's default, so the comparison is with Hugo at its best.
#
#   bench/national.sh                      # the whole country, 3 runs after 1 warm-up pair
#   RUNS=5 PROVINCES=4 bench/national.sh   # a few provinces
#
# Needs GNU time (/usr/bin/time, Debian package `time`). Not part of `make test`.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${RUNS:-3}
PROVINCES=${PROVINCES:-0}
SEED=${SEED:-1}
WORK=${WORK:-/tmp/pcmt-bench}
SITE=${SITE:-$WORK/national}
export CGO_ENABLED=0
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
if [ "${DROP_CACHES:-0}" = 1 ] && [ ! -w /proc/sys/vm/drop_caches ]; then
  echo "bench: DROP_CACHES=1 needs to write /proc/sys/vm/drop_caches (root); run as root or without it" >&2
  exit 1
fi
mkdir -p "$WORK"
cd "$REPO"
hugo_version=$(go list -m -f '{{.Version}}' github.com/gohugoio/hugo)
echo "building pcmt and hugo $hugo_version (same module versions as pcmt)" >&2
go build -o "$WORK/pcmt" ./cmd/pcmt
go build -o "$WORK/hugo" github.com/gohugoio/hugo
go build -o "$WORK/stage" ./bench/stage
"$WORK/pcmt" synth --source "$REPO" --out "$SITE" --seed "$SEED" --provinces "$PROVINCES" >&2
"$WORK/stage" --source "$SITE" --out "$WORK/staging"
# On ext4 without a journal (the machine of bench/README.md, round 8) an
# inode freed in the last ~6 minutes is skipped, after a read of its inode,
# by every file creation that scans past it: creating a file cost 12 µs
# 6.5 minutes after deleting 40,000 files and 150-340 µs in the minutes
# before. Writing the dataset and the staging site deletes the previous
# ones, so the first timed run waits PREP_SETTLE seconds (default 400;
# 0: none) for the disk to be as the later runs find it: no run deletes
# more than a few hundred files (pcmt build's staging folder).
rm -rf "$WORK/runs" "$WORK/out-pcmt" "$WORK/out-hugo"
echo "bench: waiting ${PREP_SETTLE:-400} s for the disk after the deletes of the preparation" >&2
sync; sleep "${PREP_SETTLE:-400}"

# run NAME CMD...: one timed run; prints "seconds peak_kb"
run() {
  local log="$WORK/time.txt"
  /usr/bin/time -v -o "$log" "$@" >/dev/null 2>"$WORK/stderr.txt" || { cat "$WORK/stderr.txt" >&2; return 1; }
  local wall kb
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$log")
  kb=$(awk -F': ' '/Maximum resident set size/{print $2}' "$log")
  echo "$wall $kb"
}
# settle INPUT BINARY: let the disk write back what came before a timed
# run. SETTLE=0: no pause. DROP_CACHES=1 (root only) also empties the page
# cache, then reads the run's input and binary back into it: every run
# starts with the same memory, its own input cached and no earlier output
# (round 10 of bench/README.md: the earlier runs' outputs in the cache made
# a build's system time vary from 8 to 25 s).
settle() {
  sync
  if [ "${DROP_CACHES:-0}" = 1 ]; then
    echo 1 >/proc/sys/vm/drop_caches
    find "$1" -type f -print0 | xargs -0 cat "$2" >/dev/null
  fi
  sleep "${SETTLE:-30}"
}
median() { sort -g | awk '{a[NR]=$1} END{ if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2 }'; }
free_gb() { df -P --block-size=1G "$WORK" | awk 'NR==2{print $4}'; }

# The runs alternate (pcmt, hugo, pcmt, ...), so that a change in the
# disk's speed over the minutes of the benchmark falls on both tools alike,
# and each writes a new directory: the outputs (4.7 GB each nationally)
# are deleted only after the last run while there is room (KEEP_GB free
# besides them, default 20). Deleting one between runs slowed every file
# creation of the next run on the machine of bench/README.md (ext4 with
# online discard; rounds 5 and 6).
mkdir -p "$WORK/runs"
declare -A wall rss
: >"$WORK/pcmt.runs"; : >"$WORK/hugo.runs"; : >"$WORK/pcmt.steps"
# one_run TOOL OUT: one timed run of pcmt build or plain hugo into OUT.
one_run() {
  case $1 in
    pcmt) settle "$SITE" "$WORK/pcmt"; run "$WORK/pcmt" build -v --source "$SITE" --destination "$2"
          # each step's time, a line a run, in pcmt.steps
          { printf '%s: ' "$(basename "$2")"; grep -E '^pcmt: [a-z ]+ [0-9.]+ s$' "$WORK/stderr.txt" | sed 's/^pcmt: //' | paste -sd ' '; } >>"$WORK/pcmt.steps" ;;
    hugo) rm -rf "$WORK/staging/.cache" "$WORK/staging/resources"; settle "$WORK/staging" "$WORK/hugo"; HUGO_MEMORYLIMIT=${HUGO_MEMORYLIMIT:-1} run "$WORK/hugo" --source "$WORK/staging" --destination "$2" --quiet --cacheDir "$WORK/staging/.cache" ;;
  esac
}
# WARMUP pairs (default 1) run first and are not counted: in rounds 8 and
# 9 the first two pairs of every script were slow for both tools (plain
# hugo's first run 29-36 s against a steady ~20 s), so a median of a few
# runs depended on how many of them there were. Their outputs stay until
# the end, as the timed runs' do.
for i in $(seq "${WARMUP:-1}"); do
  for tool in pcmt hugo; do
    r=$(one_run "$tool" "$WORK/runs/warm-$tool-$i")
    echo "$tool warm-up $i: $r (s, peak KB; not counted)" >&2
  done
done
for i in $(seq "$RUNS"); do
  for tool in pcmt hugo; do
    out="$WORK/runs/$tool-$i"
    if [ "$(free_gb)" -lt "${KEEP_GB:-20}" ]; then
      echo "bench: less than ${KEEP_GB:-20} GB free: deleting the earlier outputs before this run" >&2
      find "$WORK/runs" -mindepth 1 -maxdepth 1 ! -name "*-$i" -exec rm -rf {} +
    fi
    r=$(one_run "$tool" "$out")
    echo "$tool run $i: $r (s, peak KB)" >&2
    echo "$r" >>"$WORK/$tool.runs"
  done
done
for tool in pcmt hugo; do
  wall[$tool]=$(cut -d' ' -f1 "$WORK/$tool.runs" | median)
  rss[$tool]=$(cut -d' ' -f2 "$WORK/$tool.runs" | median)
  mv "$WORK/runs/$tool-$RUNS" "$WORK/out-$tool"
done
rm -rf "$WORK/runs"

pages() { find "$1" -name '*.html' | wc -l; }
size() { du -sb "$1" | cut -f1; }
{
  printf '%-6s %8s %9s %9s %10s %10s\n' tool pages wall_s pages/s peak_MB output_MB
  for tool in pcmt hugo; do
    out="$WORK/out-$tool"
    echo "$tool $(pages "$out") ${wall[$tool]} ${rss[$tool]} $(size "$out")"
  done
} | awk -v runs="$RUNS" -v day="$(date -I)" '
  NR == 1 { print; next }
  { printf "%-6s %8d %9.2f %9.0f %10.0f %10.1f\n", $1, $2, $3, $2/$3, $4/1024, $5/1048576; w[$1] = $3; m[$1] = $4 }
  END { printf "\nratio pcmt/hugo: wall %.2fx, peak memory %.2fx (median of %d runs, %s)\n", w["pcmt"]/w["hugo"], m["pcmt"]/m["hugo"], runs, day }'
echo "pcmt's steps, by run (pcmt build -v):"
cat "$WORK/pcmt.steps"
