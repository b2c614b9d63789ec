#!/usr/bin/env bash
# Takes screenshots of the main pages, in English and Arabic, plus the reply
# form and the tally in French and Chinese, into docs/screenshots/, by running
# the accessibility test in headless Chromium.
# Needs chromium, chromium-driver and `npm ci --prefix tests/browser`, and the
# fonts fonts-noto-core (Arabic) and fonts-noto-cjk (the Chinese pages and the
# "中文" of the language bar), or those glyphs come out as boxes.
set -euo pipefail
cd "$(dirname "$0")/.."
for font in fonts-noto-core fonts-noto-cjk; do
  dpkg -s "$font" >/dev/null 2>&1 || echo "warning: $font is not installed (apt-get install $font)" >&2
done
export TAPBALLOT_TEST_BROWSER=1
export TAPBALLOT_SCREENSHOTS_DIR="$PWD/docs/screenshots"
cargo test --test browser every_page_has_no_axe_violations_in_english_and_arabic -- --exact
ls "$TAPBALLOT_SCREENSHOTS_DIR"
