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
# The sample's memory depends on its hot code being laid out together
# (src-tauri/cli/build.rs): a stale list shows here.
scripts/hot-code.sh --check
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$cli" --db "$work/p.sqlite" years >/dev/null 2>&1
python3 scripts/synthetic-year.py --measures 200 --year 2599 > "$work/big.json"
"$cli" --db "$work/p.sqlite" import-report "$work/big.json" >/dev/null
python3 scripts/synthetic-year.py --measures 1000 --year 2598 > "$work/huge.json"
"$cli" --db "$work/p.sqlite" import-report "$work/huge.json" >/dev/null

# The sample, 200 measures, 1,000 measures (issue #19: flat memory, CPU a page).
for year in 2566 2599 2598; do
  out="$work/r$year.pdf"
  runs=30; [ "$year" = 2598 ] && runs=5
  hyperfine --warmup 1 --runs $runs --export-json "$work/h$year.json" -N \
    "$cli --db $work/p.sqlite export --year $year --out $out" >/dev/null
  read -r median cpu < <(python3 -c "
import json,sys
r=json.load(open(sys.argv[1]))['results'][0]
print(round(r['median']*1000,1), round((r['user']+r['system'])*1000,1))" "$work/h$year.json")
  peak=$( { /usr/bin/time -f '%M' "$cli" --db "$work/p.sqlite" export --year $year --out "$out" >/dev/null; } 2>&1 | tail -1)
  pages=$(pdfinfo "$out" | awk '/^Pages:/ {print $2}')
  printf 'year %s: median %s ms, CPU (mean) %s ms, %s ms a page, peak %s KiB, %s bytes, %s pages\n' "$year" "$median" \
    "$cpu" "$(python3 -c "print(round($cpu/$pages,2))")" "$peak" "$(stat -c %s "$out")" "$pages"
done

# Importing a register of 100,000 assets (issue #19): whole process, a fresh
# database each run (hyperfine --prepare); then the file against its rows,
# and one search.
python3 - "$work/a100k.csv" <<'PY'
import sys
with open(sys.argv[1], 'w') as f:
    f.write("เลขครุภัณฑ์,ชื่อครุภัณฑ์,ประเภท,ยี่ห้อ,วันที่ได้มา,ราคา,ปีงบประมาณ,สถานที่ตั้ง,หน่วยงานผู้ดูแล\n")
    for i in range(1, 100001):
        name, cat = ("เก้าอี้สำนักงาน", "ครุภัณฑ์สำนักงาน") if i % 10 == 0 else ("เครื่องคอมพิวเตอร์โน้ตบุ๊ก", "ครุภัณฑ์คอมพิวเตอร์")
        f.write(f'7440-001-{i:06}/66,{name},{cat},Lenovo,5/4/2566,"25,900.00",2566,ห้อง {i % 40},กลุ่มบริหารงานคลัง\n')
PY
fresh="rm -f $work/a.sqlite $work/a.sqlite-wal $work/a.sqlite-shm $work/a.sqlite.head && $cli --db $work/a.sqlite years"
hyperfine --warmup 1 --runs 5 --export-json "$work/ha.json" -N --prepare "bash -c '$fresh'" \
  "$cli --db $work/a.sqlite assets import $work/a100k.csv" >/dev/null
median=$(python3 -c "import json,sys; print(round(json.load(open(sys.argv[1]))['results'][0]['median'],2))" "$work/ha.json")
bash -c "$fresh" >/dev/null 2>&1
/usr/bin/time -f '%M' -o "$work/t" "$cli" --db "$work/a.sqlite" assets import "$work/a100k.csv" >/dev/null
rows=$(sqlite3 "$work/a.sqlite" "SELECT sum(pgsize) FROM dbstat WHERE name IN ('asset', 'sqlite_autoindex_asset_1', 'asset_status')")
printf 'import 100,000 assets: median %s s, peak %s KiB; database %s bytes, the rows %s bytes\n' \
  "$median" "$(cat "$work/t")" "$(stat -c %s "$work/a.sqlite")" "$rows"
for what in "years" "assets list --search 7440-001-012345"; do
  hyperfine --warmup 3 --runs 30 --export-json "$work/hs.json" -N "$cli --db $work/a.sqlite $what" >/dev/null
  median=$(python3 -c "import json,sys; print(round(json.load(open(sys.argv[1]))['results'][0]['median']*1000,1))" "$work/hs.json")
  /usr/bin/time -f '%M' -o "$work/t" $cli --db "$work/a.sqlite" $what >/dev/null
  printf '%s after the import: median %s ms, peak %s KiB\n' "$what" "$median" "$(cat "$work/t")"
done
