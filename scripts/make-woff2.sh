#!/usr/bin/env bash
# Makes the web fonts of published pages from the Sarabun TTFs the PDFs
# use (Debian's woff2 package). The output is deterministic; run it when a
# TTF changes and commit the .woff2 files beside them.
set -euo pipefail
cd "$(dirname "$0")/../src-tauri/typeset/fonts"
command -v woff2_compress >/dev/null || { echo "make-woff2: apt install woff2" >&2; exit 1; }
for face in Sarabun-Regular Sarabun-Bold; do
  woff2_compress "$face.ttf" >/dev/null
done
