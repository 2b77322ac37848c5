#!/usr/bin/env bash
# Writes src-tauri/cli/hot-code.txt: the functions of prongsai-cli (release)
# that run when it creates a database and exports the sample, by their
# mangled names, in the order they had in the binary. The CLI's build script
# hands the file to the linker, which lays them out together (see
# src-tauri/cli/build.rs). Run it after a toolchain or dependency update
# (`scripts/hot-code.sh --check` says how much of the file still names
# functions the binary has), then rebuild.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
out=src-tauri/cli/hot-code.txt
cargo build --release -q -p prongsai-cli
cli="$target/release/prongsai-cli"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ "${1:-}" = --check ]; then
  # The functions the binary defines (text symbols), one a line.
  nm --defined-only "$cli" | awk '$2 ~ /^[tTwW]$/ {print $3}' | sort -u > "$work/defined"
  total=$(wc -l < "$out")
  found=$(sort -u "$out" | comm -12 - "$work/defined" | wc -l)
  echo "hot-code.txt: $found of $total functions are in the binary"
  exit 0
fi

command -v valgrind >/dev/null || { echo "hot-code: valgrind is needed (apt-get install valgrind)" >&2; exit 1; }
profile() { valgrind --tool=callgrind --demangle=no --callgrind-out-file="$work/cg.$1" "${@:2}" >/dev/null 2>&1; }
profile years "$cli" --db "$work/p.sqlite" years
profile export "$cli" --db "$work/p.sqlite" export --year 2566 --out "$work/r.pdf"

python3 - "$cli" "$out" "$work"/cg.* <<'PY'
import re, subprocess, sys
binary, out, profiles = sys.argv[1], sys.argv[2], sys.argv[3:]
# Callgrind's output names each object and function once, then by number.
run = set()
for path in profiles:
    objects, functions, current = {}, {}, None
    for line in open(path, errors="replace"):
        m = re.match(r"(c?ob|c?fn)=\((\d+)\)(?: (.*))?$", line.rstrip("\n"))
        if not m:
            continue
        kind, number, name = m.groups()
        table = objects if kind.endswith("ob") else functions
        if name:
            table[number] = name
        if kind == "ob":
            current = objects[number]
        elif kind == "fn" and current and current.endswith("/" + binary.split("/")[-1]):
            run.add(functions[number])
address = {}
for line in subprocess.run(["nm", "--defined-only", binary], capture_output=True, text=True, check=True).stdout.splitlines():
    parts = line.split()
    if len(parts) == 3 and parts[1] in "tTwW":
        address.setdefault(parts[2], int(parts[0], 16))
hot = sorted((f for f in run if f in address), key=address.get)
with open(out, "w") as f:
    f.writelines(name + "\n" for name in hot)
print(f"hot-code.txt: {len(hot)} functions")
PY
