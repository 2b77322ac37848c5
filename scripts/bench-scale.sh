#!/usr/bin/env bash
# Cost against history (issue #19): a database grown in three steps, to 1,
# 5 and 10 registers of 100,000 assets with 1,000, 5,000 and 10,000 edits
# (examples/scale_db.rs); at each step, whole process (release CLI): `years`
# (opening), a one-field change (`org set --phone`), the sample's export,
# a one-row search and `verify`. Median of hyperfine runs, peak RSS by GNU
# time. Linear or better: the figures at 10 are at most 10x those at 1.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
cargo build --release -q -p prongsai-cli
cargo build --release -q -p prongsai-core --example scale_db
cli="$target/release/prongsai-cli"
grow="$target/release/examples/scale_db"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/p.sqlite"

median() { # command... → median ms over runs
  hyperfine -N --warmup 2 --runs "$RUNS" --export-json "$work/h.json" "$*" >/dev/null 2>&1
  python3 -c "import json,sys; print(round(json.load(open(sys.argv[1]))['results'][0]['median']*1000,1))" "$work/h.json"
}
peak() { /usr/bin/time -f '%M' -o "$work/t" "$@" >/dev/null 2>&1; awk '{printf "%.0f", $1/1024}' "$work/t"; }
timed() { /usr/bin/time -f '%e' -o "$work/t" "$@" >/dev/null 2>&1; cat "$work/t"; }

printf '| registers · edits | db MB | years ms · MiB | change ms · MiB | export ms · MiB | search ms · MiB | verify s · MiB |\n'
printf '|---|---|---|---|---|---|---|\n'
have=0
for step in "1 1000" "5 5000" "10 10000"; do
  set -- $step
  "$grow" "$db" $(( $1 - have )) $(( $2 - have * 1000 )) 2>>"$work/grow.log"
  have=$1
  RUNS=20
  years=$(median "$cli" --db "$db" years); years_m=$(peak "$cli" --db "$db" years)
  change=$(median "$cli" --db "$db" org set --phone 025474621); change_m=$(peak "$cli" --db "$db" org set --phone 025474622)
  RUNS=10
  export=$(median "$cli" --db "$db" export --year 2566 --out "$work/r.pdf"); export_m=$(peak "$cli" --db "$db" export --year 2566 --out "$work/r.pdf")
  search=$(median "$cli" --db "$db" assets list --search 7000-001-012345); search_m=$(peak "$cli" --db "$db" assets list --search 7000-001-012345)
  verify=$(timed "$cli" --db "$db" verify); verify_m=$(peak "$cli" --db "$db" verify)
  printf '| %s · %s | %s | %s · %s | %s · %s | %s · %s | %s · %s | %s · %s |\n' "$1" "$2" \
    "$(( $(stat -c %s "$db") / 1000000 ))" "$years" "$years_m" "$change" "$change_m" \
    "$export" "$export_m" "$search" "$search_m" "$verify" "$verify_m"
done
sed 's/^/    /' "$work/grow.log" >&2
