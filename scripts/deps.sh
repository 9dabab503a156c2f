#!/bin/sh
# Install the Debian packages danvan needs to build, run and test.
# Idempotent: when everything is present it only runs dpkg-query and exits.
# Usage: scripts/deps.sh [run|check|browser|bench]
#   run      what `make run` needs: compiler, libraries, msgfmt, fonts for PDFs
#   check    adds what the tests need: cmocka, PostgreSQL, sqlite3, curl, clang,
#            pdftotext, a QR decoder
#   browser  adds Debian's Chromium, for screenshots (scripts/screenshot.sh)
#   bench    adds nginx and wrk (bench/)
set -eu

want_run="pkg-config gcc make gettext
 libh2o-evloop-dev libssl-dev libuv1-dev zlib1g-dev
 libsqlite3-dev libpq-dev libjansson-dev libsodium-dev libutf8proc-dev libcsv-dev
 libcairo2-dev libpango1.0-dev libqrencode-dev fonts-noto-core"
want_check="$want_run libcmocka-dev postgresql-15 sqlite3 curl clang libclang-rt-14-dev
 poppler-utils zbar-tools"

case "${1:-run}" in
run) want=$want_run ;;
check) want=$want_check ;;
browser) want="$want_check chromium" ;;
bench) want="$want_run nginx-light wrk curl" ;;
*) echo "usage: $0 [run|check|browser|bench]" >&2; exit 2 ;;
esac

missing=""
for p in $want; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$st" in
	*"install ok installed"*) ;;
	*) missing="$missing $p" ;;
	esac
done
[ -z "$missing" ] && exit 0

echo "deps: installing$missing" >&2
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq || true
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing
