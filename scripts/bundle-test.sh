#!/usr/bin/env bash
# The Linux installer as a user gets it: installs the .deb `make bundle`
# built (dpkg), checks what it installs, starts the installed app under
# Xvfb on a fresh HOME through the window tests' first-start test (the
# sample opens, an edit saves and survives a restart), then uninstalls.
# Needs root or sudo.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
deb=$(ls -t "$target"/release/bundle/deb/*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { echo "bundle-test: no .deb in $target/release/bundle/deb: run make bundle" >&2; exit 1; }
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
package=$(dpkg-deb --field "$deb" Package)
version=$(dpkg-deb --field "$deb" Version)
want=$(sed -nE 's/^  "version": "([^"]+)".*/\1/p' tauri.conf.json)
[ "$version" = "$want" ] || { echo "bundle-test: $deb is version $version, tauri.conf.json says $want" >&2; exit 1; }

echo "bundle-test: installing $deb ($package $version)"
$sudo dpkg -i "$deb"
trap '$sudo dpkg -r "$package" >/dev/null && echo "bundle-test: uninstalled $package"' EXIT

installed=$(dpkg -L "$package")
for f in /usr/bin/prongsai /usr/share/applications/Prongsai.desktop; do
  grep -qx "$f" <<<"$installed" || { echo "bundle-test: the package does not install $f" >&2; exit 1; }
done
for f in licenses/LICENSE licenses/Sarabun-OFL.txt; do
  grep -q "/$f\$" <<<"$installed" || { echo "bundle-test: the package does not ship $f" >&2; exit 1; }
done
grep -q '^/usr/share/icons/.*prongsai.png$' <<<"$installed" || { echo "bundle-test: no app icon installed" >&2; exit 1; }

PRONGSAI_APP=/usr/bin/prongsai xvfb-run --auto-servernum \
  --server-args="-screen 0 1920x1080x24 -nolisten tcp -noreset" \
  cargo test -p prongsai --test webdriver report::the_sample_opens_an_edit_saves_and_survives_a_restart
echo "bundle-test: the installed app opened the sample"
