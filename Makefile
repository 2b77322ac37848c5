# Prongsai — two commands on a fresh Debian 12 machine:
#   make run    set up what is missing, build the UI, open the app on the sample report
#   make test   set up what is missing, then run every check and test (CI runs this)
#
# Other targets: setup, ui, check, lint, bindings, cli, clean.
# CARGO_TARGET_DIR may point outside the clone (CI does, to keep reruns fast).

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

CARGO ?= cargo
NPM ?= npm
UI := ui
STAMP := $(or $(CARGO_TARGET_DIR),target)/.prongsai-stamps

.PHONY: help run test setup system-deps npm-deps tauri-driver ui check lint bindings cli bench bundle screenshots docs-gallery clean

help:
	@echo "make run    — set up and open Prongsai on the sample report"
	@echo "make test   — set up and run every check and test"

## ---------------------------------------------------------------- setup

setup: system-deps npm-deps

# Debian packages: WebKitGTK and friends for the window, Xvfb and the WebKit
# WebDriver for the window tests, poppler-utils for looking at PDFs.
system-deps:
	@scripts/setup-system.sh

npm-deps: $(UI)/node_modules/.package-lock.json

$(UI)/node_modules/.package-lock.json: $(UI)/package.json $(UI)/package-lock.json
	cd $(UI) && $(NPM) ci --no-audit --no-fund
	@touch $@

# tauri-driver bridges WebDriver to the app's WebKitWebDriver.
tauri-driver:
	@command -v tauri-driver >/dev/null || $(CARGO) install tauri-driver --locked --version 2.1.0

## ---------------------------------------------------------------- build

# The window embeds ui/dist at compile time, so the UI is built first.
ui: npm-deps
	cd $(UI) && $(NPM) run build

cli:
	$(CARGO) build -p prongsai-cli

run: setup ui
	$(CARGO) run -p prongsai

## ---------------------------------------------------------------- checks

# Regenerate ui/src/lib/bindings.ts from the Rust types.
bindings:
	UPDATE_BINDINGS=1 $(CARGO) test -p prongsai-core --lib bindings

# Every document type, printed from the gallery's fixture database, as PNG
# pages at 60 dpi in docs/gallery/: the golden images tests/gallery.rs
# compares with. Look at every page that changed before committing.
docs-gallery: setup
	UPDATE_GALLERY=1 $(CARGO) test -p prongsai-core --test gallery

lint: npm-deps ui
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	cd $(UI) && $(NPM) run check && $(NPM) run lint && $(NPM) run lint:workflows

check: lint

# Everything CI runs. The window tests need a display: xvfb-run gives them one.
test: setup tauri-driver ui lint
	cd $(UI) && $(NPM) test
	xvfb-run --auto-servernum --server-args="-screen 0 1920x1080x24 -nolisten tcp -noreset" \
	  $(CARGO) test --workspace --all-targets

# The Linux installer: a release build bundled as a .deb by the Tauri CLI
# (ui/node_modules), then installed, started on a fresh HOME and removed
# (scripts/bundle-test.sh). The other platforms' installers are built by
# .github/workflows/release.yml on a version tag.
bundle: setup tauri-driver ui
	ui/node_modules/.bin/tauri build --bundles deb
	$(CARGO) build -p prongsai-cli
	scripts/bundle-test.sh

# Every benchmark: typesetting, export and the 100,000-asset register
# (criterion), then the whole-process figures (hyperfine, GNU time) quoted
# in docs/benchmarks.md: export, a 100,000-asset import and search, cost
# against history up to 10 registers and 10,000 edits; last, the release
# app's start to its first paint (a fresh database, 100,000 assets), which
# scripts/bench-start.py times itself.
bench: setup ui
	@scripts/setup-system.sh bench
	$(CARGO) bench -p prongsai-typeset
	$(CARGO) bench -p prongsai-core --bench export
	$(CARGO) bench -p prongsai-core --bench assets
	scripts/bench-cli.sh
	scripts/bench-scale.sh
	$(CARGO) build --release -q -p prongsai --features custom-protocol
	xvfb-run --auto-servernum --server-args="-screen 0 1024x768x24" \
	  python3 scripts/bench-start.py $(or $(CARGO_TARGET_DIR),target)/release/prongsai \
	  $(or $(CARGO_TARGET_DIR),target)/release/prongsai-cli 7

# Every view at 1024×768 and 1366×768, from the WebDriver run, into
# docs/screenshots (commit them after looking at them).
screenshots: setup tauri-driver ui
	xvfb-run --auto-servernum --server-args="-screen 0 1920x1080x24 -nolisten tcp -noreset" \
	  $(CARGO) test -p prongsai --test webdriver every_view_fits
	mkdir -p docs/screenshots
	cp $(or $(CARGO_TARGET_DIR),target)/tmp/screens/*.png docs/screenshots/

clean:
	$(CARGO) clean
	rm -rf $(UI)/dist $(UI)/node_modules
