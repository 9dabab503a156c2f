#!/bin/sh
# Take a screenshot of a page with headless Chromium, phone-sized by default.
#   scripts/screenshot.sh URL OUT.png [WIDTHxHEIGHT]
set -eu
url=${1:?usage: screenshot.sh URL OUT.png [WIDTHxHEIGHT]}
out=${2:?usage: screenshot.sh URL OUT.png [WIDTHxHEIGHT]}
size=${3:-412x915}
"$(dirname "$0")/deps.sh" browser
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync \
	--user-data-dir="$profile" --hide-scrollbars \
	--window-size="$(echo "$size" | tr x ,)" --screenshot="$out" "$url" >/dev/null 2>&1
echo "$out"
