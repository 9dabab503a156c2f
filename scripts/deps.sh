#!/bin/sh
# Install the Debian packages danvan needs to build, run and test.
# Idempotent: when everything is present it only runs dpkg-query and exits.
# Usage: scripts/deps.sh [run|check|browser|bench]
#   run      what `make run` needs: compiler, libraries, msgfmt, fonts for PDFs
#   check    adds what the tests need: cmocka, PostgreSQL, sqlite3, curl, clang,
#            pdftotext, a QR decoder, python3 (reads the workbooks), Chromium, vips and exiftool (photos), python3-aiosmtpd (a loopback mail server), haproxy (two servers behind it, on one PostgreSQL and its replica), faketime (the suite again 400 days ahead), Java (the Nu HTML checker), and the browser tests' npm
#            packages (playwright-core, axe-core) from tests/browser/package-lock.json
#   browser  adds Debian's Chromium, for screenshots (scripts/screenshot.sh)
#   bench    adds nginx, wrk, curl, sqlite3, PostgreSQL and haproxy (bench/)
set -eu

want_run="pkg-config gcc make gettext
 libh2o-evloop-dev libssl-dev libuv1-dev zlib1g-dev
 libsqlite3-dev libpq-dev libjansson-dev libsodium-dev libutf8proc-dev libcsv-dev
 libcairo2-dev libpango1.0-dev libqrencode-dev fonts-noto-core
 libcmark-dev libmagic-dev libvips-dev libxlsxwriter-dev libcurl4-openssl-dev"
want_check="$want_run libcmocka-dev postgresql-15 sqlite3 curl clang libclang-rt-14-dev
 poppler-utils zbar-tools chromium python3
 libvips-tools libimage-exiftool-perl faketime default-jre-headless python3-aiosmtpd
 haproxy"

case "${1:-run}" in
run) want=$want_run ;;
check) want=$want_check ;;
browser) want="$want_check" ;;
bench) want="$want_run nginx-light wrk curl sqlite3 postgresql-15 haproxy" ;;
*) echo "usage: $0 [run|check|browser|bench]" >&2; exit 2 ;;
esac

# Node.js drives the browser tests; any Node.js 18 or newer will do, so an
# existing one is kept and Debian's is installed only when there is none.
if [ "${1:-run}" != run ] && [ "${1:-run}" != bench ] && ! command -v npm >/dev/null 2>&1; then
	want="$want nodejs npm"
fi

missing=""
for p in $want; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$st" in
	*"install ok installed"*) ;;
	*) missing="$missing $p" ;;
	esac
done
npm_packages() {
	case "${1:-run}" in check|browser) ;; *) return 0 ;; esac
	dir=$(dirname "$0")/../tests/browser
	[ -d "$dir/node_modules/playwright-core" ] && [ -d "$dir/node_modules/axe-core" ] &&
		[ -d "$dir/node_modules/feedparser" ] && [ -d "$dir/node_modules/ical.js" ] &&
		[ -d "$dir/node_modules/vnu-jar" ] && [ -d "$dir/node_modules/@redocly/cli" ] && return 0
	echo "deps: installing the browser tests' npm packages" >&2
	(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
}

if [ -z "$missing" ]; then
	npm_packages "${1:-run}"
	exit 0
fi

# apt speaks only when it fails: its output goes to a log shown then.
echo "deps: installing$missing (a few minutes the first time)" >&2
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp /tmp/danvan-deps.XXXXXX)
$sudo apt-get update -qq >"$log" 2>&1 || true
# shellcheck disable=SC2086
if ! $sudo apt-get install -y -qq --no-install-recommends $missing >>"$log" 2>&1; then
	tail -40 "$log" >&2
	echo "deps: apt-get could not install the packages above (full log: $log)" >&2
	exit 1
fi
rm -f "$log"
echo "deps: installed" >&2
npm_packages "${1:-run}"
