#!/usr/bin/env bash
# Publishes the gallery's year (the sample report with a budget, a register
# and loans: src-tauri/core/tests/fixtures/gallery.sqlite) into
# docs/gallery/publish/, and what a reader sees of it:
#   site/                      the website folder, as `prongsai-cli publish` writes it
#   site-1024x768.png          its first screen in Chromium
#   site-print-N.png           its pages as Chromium prints them (the print stylesheet)
#   infographic-*.png          the three infographics for LINE, and one A4 in the other theme
#   report-2566-libreoffice.pdf, -N.png
#                              the report's Word file as LibreOffice renders it, with
#                              TH Sarabun New standing in as Laksaman (fonts-tlwg-laksaman-ttf)
# Needs chromium, libreoffice-writer-nogui, poppler-utils (make setup).
# Look at every image it changes before committing.
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/gallery/publish
target=${CARGO_TARGET_DIR:-target}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cargo build -q -p prongsai-cli
cli() { "$target/debug/prongsai-cli" --db "$tmp/gallery.sqlite" "$@"; }
cp src-tauri/core/tests/fixtures/gallery.sqlite "$tmp/gallery.sqlite"

rm -rf "$out"
mkdir -p "$out"
cli publish --year 2566 --out "$out/site"
for kind in budget channels borrowing; do
  cp "$out/site/files/infographic-$kind-2566.png" "$out/infographic-$kind-line.png"
done
cli infographic --year 2566 --kind budget --size a4 --theme green --out "$out/infographic-budget-a4-green.png"

page="file://$PWD/$out/site/index.html"
chrome=(chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$tmp/chromium")
"${chrome[@]}" --window-size=1024,768 --screenshot="$out/site-1024x768.png" "$page" 2>/dev/null
"${chrome[@]}" --no-pdf-header-footer --print-to-pdf="$tmp/site.pdf" "$page" 2>/dev/null
pdftoppm -png -r 50 -l 3 "$tmp/site.pdf" "$out/site-print"

# LibreOffice reads the Word file; Laksaman (TH SarabunPSK's free twin)
# stands in for TH Sarabun New, as an office machine would have it.
cat > "$tmp/fonts.conf" <<'XML'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <alias binding="same"><family>TH Sarabun New</family><prefer><family>Laksaman</family></prefer></alias>
</fontconfig>
XML
FONTCONFIG_FILE="$tmp/fonts.conf" soffice -env:UserInstallation="file://$tmp/lo" --headless \
  --convert-to pdf --outdir "$tmp" "$out/site/files/report-2566.docx" >/dev/null
cp "$tmp/report-2566.pdf" "$out/report-2566-libreoffice.pdf"
pdftoppm -png -r 60 -l 2 "$out/report-2566-libreoffice.pdf" "$out/report-2566-libreoffice"
echo "wrote $out"
