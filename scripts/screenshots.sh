#!/usr/bin/env bash
# Takes screenshots of the main pages, in English and Arabic, into
# docs/screenshots/, by running the accessibility test in headless Chromium.
# Needs chromium, chromium-driver and `npm ci --prefix tests/browser`.
set -euo pipefail
cd "$(dirname "$0")/.."
export TAPBALLOT_TEST_BROWSER=1
export TAPBALLOT_SCREENSHOTS_DIR="$PWD/docs/screenshots"
cargo test --test browser every_page_has_no_axe_violations_in_english_and_arabic -- --exact
ls "$TAPBALLOT_SCREENSHOTS_DIR"
