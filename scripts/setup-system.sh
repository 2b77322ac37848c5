#!/usr/bin/env bash
# Installs the Debian packages Prongsai builds and tests with (and, with
# `bench`, those the benchmarks need), if any is missing. Needs root or
# sudo. Checks that Rust and Node.js are new enough (neither comes from
# apt: Debian 12's are too old).
set -euo pipefail

packages=(
  build-essential pkg-config file libssl-dev
  libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev   # the window
  xvfb xauth webkit2gtk-driver dbus-x11 x11-xkb-utils # window tests (setxkbmap: the Thai layout)
  poppler-utils qpdf libharfbuzz-bin                # PDF tests: pdftotext/pdffonts, qpdf --check, hb-shape
  python3-pypdf python3-pdfminer                    # PDF tests: text as other readers extract it
  chromium chromium-driver                          # the published website folder in a browser (tests/site.rs)
  libreoffice-writer-nogui                          # Word files read back by another program (DOCX round trip)
)
# `make bench` also times whole processes (hyperfine) and their peak memory (GNU
# time); scripts/hot-code.sh profiles the CLI (valgrind).
[ "${1:-}" = bench ] && packages+=(hyperfine time sqlite3 valgrind)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  # Another apt may hold the lock for a while on a fresh machine: retry.
  for attempt in 1 2 3 4 5; do
    if $sudo apt-get update -qq && \
       DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"; then
      break
    fi
    [ "$attempt" -lt 5 ] || { echo "setup: apt-get failed" >&2; exit 1; }
    echo "setup: apt-get failed, retrying in 10 s" >&2
    sleep 10
  done
fi

need() { echo "setup: $1" >&2; exit 1; }
command -v cargo >/dev/null || need "Rust is not installed: install it with rustup (https://rustup.rs), 1.94 or newer"
rust_minor=$(rustc --version | sed -E 's/^rustc 1\.([0-9]+).*/\1/')
[ "$rust_minor" -ge 94 ] || need "Rust $(rustc --version) is too old: 1.94 or newer is needed (rustup update)"
command -v node >/dev/null || need "Node.js is not installed: 20.19 or newer is needed"
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
  || need "Node.js $(node --version) is too old: 20.19 or newer is needed"
