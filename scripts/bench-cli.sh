#!/usr/bin/env bash
# Whole-process export figures: prongsai-cli (release) on the sample and on a
# synthetic 200-measure year; median wall time (hyperfine), peak memory
# (GNU time), file size and pages. Anchor: Chromium 156 headless
# print-to-pdf of the reference report, 1.69 s, 216 MiB, 192,564 bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
cargo build --release -q -p prongsai-cli
cli="$target/release/prongsai-cli"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$cli" --db "$work/p.sqlite" years >/dev/null 2>&1
python3 scripts/synthetic-year.py --measures 200 --year 2599 > "$work/big.json"
"$cli" --db "$work/p.sqlite" import-report "$work/big.json" >/dev/null

for year in 2566 2599; do
  out="$work/r$year.pdf"
  hyperfine --warmup 3 --runs 30 --export-json "$work/h$year.json" -N \
    "$cli --db $work/p.sqlite export --year $year --out $out" >/dev/null
  median=$(python3 -c "import json,sys; print(round(json.load(open(sys.argv[1]))['results'][0]['median']*1000,1))" "$work/h$year.json")
  peak=$( { /usr/bin/time -f '%M' "$cli" --db "$work/p.sqlite" export --year $year --out "$out" >/dev/null; } 2>&1 | tail -1)
  pages=$(pdfinfo "$out" | awk '/^Pages:/ {print $2}')
  printf 'year %s: median %s ms, peak %s KiB, %s bytes, %s pages\n' "$year" "$median" "$peak" "$(stat -c %s "$out")" "$pages"
done
